package dev.orchestrator.benchmarks.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code orchestrator.jar serve} as a separate process on loopback: started by the suite, timed
 * to readiness ({@code GET /health/ready} answers 200), its resident memory sampled from /proc, its
 * heap read from its GC log, stopped with SIGTERM.
 */
final class ServeProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path gcLog;
    private final Path err;
    private final double readySeconds;
    private final AtomicLong peakRssKb = new AtomicLong();
    private volatile boolean sampling;
    private Thread sampler;

    private ServeProcess(Process process, int port, Path gcLog, Path err, double readySeconds) {
        this.process = process;
        this.port = port;
        this.gcLog = gcLog;
        this.err = err;
        this.readySeconds = readySeconds;
    }

    static ServeProcess start(Path jar, List<String> jvmOptions, java.util.Map<String, String> env, Path logDir, String name)
            throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        int port = freePort();
        Path gcLog = logDir.resolve(name + ".gc.log");
        Path out = logDir.resolve(name + ".out");
        Path err = logDir.resolve(name + ".err");
        List<String> command = new ArrayList<>();
        command.add(Processes.java());
        command.addAll(jvmOptions);
        command.add("-Xlog:gc:file=" + gcLog);
        // As `java -jar` would run it (its manifest names the main class and nothing else), plus the
        // ceiling's fixed-body route (CeilingRoute), which only a class path naming it can add.
        command.add("-cp");
        command.add(jar + java.io.File.pathSeparator + ceilingJar(logDir));
        command.add(mainClass(jar));
        command.add("serve");
        command.add("--port");
        command.add(Integer.toString(port));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = start + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("serve exited with " + process.exitValue() + "; see " + err + ":\n"
                        + tail(err));
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("serve was not ready within 60 s; see " + err);
            }
            Thread.sleep(10);
        }
        double readySeconds = (System.nanoTime() - start) / 1e9;
        // Never leave serve behind, also when the suite is interrupted.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-serve"));
        return new ServeProcess(process, port, gcLog, err, readySeconds);
    }

    /**
     * A jar of {@link CeilingRoute} alone, as an {@code ExtraRoutes} service: written from this jar's own
     * copy of the class file, never loaded here (its interface is serve's, not in benchmarks.jar).
     */
    private static Path ceilingJar(Path logDir) throws IOException {
        Path jar = logDir.resolve("ceiling-route.jar");
        try (java.io.InputStream classFile = ServeProcess.class.getClassLoader().getResourceAsStream(CeilingRoute.CLASS_FILE);
                java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            if (classFile == null) {
                throw new IllegalStateException("no " + CeilingRoute.CLASS_FILE + " on the suite's class path");
            }
            out.putNextEntry(new java.util.jar.JarEntry("META-INF/services/dev.orchestrator.http.ExtraRoutes"));
            out.write(("dev.orchestrator.benchmarks.system.CeilingRoute\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new java.util.jar.JarEntry(CeilingRoute.CLASS_FILE));
            classFile.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    /** The jar's Main-Class (what {@code java -jar} would run). */
    private static String mainClass(Path jar) throws IOException {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            String main = file.getManifest() == null ? null : file.getManifest().getMainAttributes().getValue("Main-Class");
            if (main == null) {
                throw new IllegalStateException(jar + " names no Main-Class");
            }
            return main;
        }
    }

    private static String tail(Path p) {
        try {
            List<String> lines = Files.readAllLines(p);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    double readySeconds() {
        return readySeconds;
    }

    long pid() {
        return process.pid();
    }

    long rssKb() {
        return Processes.status(process.pid(), "VmRSS");
    }

    /** Seconds of the serve JVM's uptime (the clock its GC log uses). */
    double uptime() {
        return Processes.uptimeSeconds(process.toHandle());
    }

    Processes.GcSummary gc(double fromUptime, double toUptime) {
        return Processes.gc(gcLog, fromUptime, toUptime);
    }

    /** Starts sampling VmRSS every 50 ms; {@link #stopSampling()} returns the highest sample. */
    void startSampling() {
        peakRssKb.set(rssKb());
        sampling = true;
        sampler = new Thread(() -> {
            while (sampling) {
                peakRssKb.accumulateAndGet(rssKb(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    long stopSampling() throws InterruptedException {
        sampling = false;
        if (sampler != null) {
            sampler.join(1000);
        }
        return peakRssKb.get();
    }

    /**
     * Heap in use now, as {@code jcmd PID GC.heap_info} reports it (kB), or 0. Costs a JVM start of
     * its own, so it is taken once, at the end of a load phase.
     */
    long heapUsedKb() {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("total \\d+K, used (\\d+)K").matcher(out);
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        } catch (IOException | InterruptedException | RuntimeException e) {
            return 0;
        }
    }

    Path errLog() {
        return err;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
