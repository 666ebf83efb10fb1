package dev.orchestrator.benchmarks.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the product's processes and reads what the OS and the JVM say about them. */
final class Processes {

    private static final Pattern GC_PAUSE = Pattern.compile("\\[([0-9.]+)s\\].*?\\bPause\\b.*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private Processes() {
    }

    /** What one finished process did. */
    record Run(int exitCode, double seconds, long peakRssKb, Path stdout, Path stderr, GcSummary gc) {
        String out() {
            return read(stdout);
        }

        String err() {
            return read(stderr);
        }

        private static String read(Path p) {
            try {
                return Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
    }

    /**
     * Heap figures from a JVM's {@code -Xlog:gc} file: the most heap in use at any collection
     * (before it), the most left after one (the live set plus what survived), the most committed.
     */
    record GcSummary(int collections, long maxBeforeMb, long maxAfterMb, long maxCommittedMb) {
        static final GcSummary NONE = new GcSummary(0, 0, 0, 0);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs {@code java jvmOptions -jar jar args}, sampling VmHWM; fails on timeout. */
    static Run runJar(Path jar, List<String> jvmOptions, List<String> args, Map<String, String> env, Path logDir,
            String name, Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        Path gcLog = logDir.resolve(name + ".gc.log");
        Files.deleteIfExists(gcLog);
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.add("-Xlog:gc:file=" + gcLog);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        Path out = logDir.resolve(name + ".out");
        Path err = logDir.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        long peak = 0;
        long deadline = start + timeout.toNanos();
        while (!process.waitFor(20, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, status(process.pid(), "VmHWM"));
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not finish within " + timeout + "; see " + err);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Run(process.exitValue(), seconds, peak, out, err, gc(gcLog));
    }

    /** A field of /proc/PID/status in kB ({@code VmRSS}, {@code VmHWM}); 0 if unreadable. */
    static long status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between two samples
        }
        return 0;
    }

    static GcSummary gc(Path gcLog) {
        return gc(gcLog, 0, Double.MAX_VALUE);
    }

    /** GC pauses logged between {@code fromSeconds} and {@code toSeconds} of the JVM's uptime. */
    static GcSummary gc(Path gcLog, double fromSeconds, double toSeconds) {
        if (!Files.exists(gcLog)) {
            return GcSummary.NONE;
        }
        int n = 0;
        long before = 0;
        long after = 0;
        long committed = 0;
        try {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_PAUSE.matcher(line);
                if (m.find()) {
                    double at = Double.parseDouble(m.group(1));
                    if (at < fromSeconds || at > toSeconds) {
                        continue;
                    }
                    n++;
                    before = Math.max(before, Long.parseLong(m.group(2)));
                    after = Math.max(after, Long.parseLong(m.group(3)));
                    committed = Math.max(committed, Long.parseLong(m.group(4)));
                }
            }
        } catch (IOException e) {
            return GcSummary.NONE;
        }
        return new GcSummary(n, before, after, committed);
    }

    /** Seconds since the JVM of {@code pid} started, as its GC log counts them (from /proc). */
    static double uptimeSeconds(ProcessHandle handle) {
        return handle.info().startInstant()
                .map(start -> Duration.between(start, java.time.Instant.now()).toMillis() / 1000.0)
                .orElse(0.0);
    }
}
