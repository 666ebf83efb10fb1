package dev.orchestrator.benchmarks.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** What every section needs: options, the server, the report, the token secret, and the CLI. */
final class Context {

    final Options options;
    final Postgres pg;
    final Report report;
    final Tokens tokens = Tokens.random();
    final Path logs;
    private double cliBaseline = Double.NaN;
    /** VmRSS of serve once ready and idle (set by the suite when it starts serve). */
    long idleRssKb;

    Context(Options options, Postgres pg, Report report) {
        this.options = options;
        this.pg = pg;
        this.report = report;
        this.logs = options.out.resolve("logs");
    }

    boolean cliAvailable() {
        return Files.isRegularFile(options.cliJar);
    }

    /** How serve finds the database (--serve-db-url, else --db-url) and the token secret (its environment variables). */
    Map<String, String> env(String database) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("ORCHESTRATOR_DB_URL", options.serveDbUrl == null ? pg.url(database)
                : options.serveDbUrl.replace("{db}", database));
        env.put("ORCHESTRATOR_DB_USER", pg.user());
        if (pg.password() != null) {
            env.put("ORCHESTRATOR_DB_PASSWORD", pg.password());
        }
        env.put("ORCHESTRATOR_JWT_SECRET", tokens.secret());
        if (options.serviceUser != null) {
            // serve's API then runs under row-level security, as in production (docs/operations.md)
            env.put("ORCHESTRATOR_DB_SERVICE_USER", options.serviceUser);
            env.put("ORCHESTRATOR_DB_SERVICE_PASSWORD", options.serviceUser);
        }
        return env;
    }

    /** Runs one CLI command against {@code database}; fails with its stderr if it exits non-zero. */
    Processes.Run cli(String database, String logName, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        if (!cliAvailable()) {
            throw new IllegalStateException("no CLI jar at " + options.cliJar
                    + " (build it with mvn -q package -DskipTests, or pass --cli-jar)");
        }
        Processes.Run run = Processes.runJar(options.cliJar, jvmOptions, Arrays.asList(args), env(database), logs, logName,
                Duration.ofHours(2));
        if (run.exitCode() != 0) {
            throw new IllegalStateException("orchestrator " + String.join(" ", args) + " exited with " + run.exitCode()
                    + ":\n" + tail(run.err() + run.out()));
        }
        return run;
    }

    /**
     * What a CLI command costs before it does any work: the best of three {@code --help} runs (JVM
     * start, class loading, option parsing). Subtracted from CLI timings to get the work's time.
     */
    double cliBaselineSeconds() throws IOException, InterruptedException {
        if (Double.isNaN(cliBaseline)) {
            double best = Double.MAX_VALUE;
            for (int i = 0; i < (options.quick ? 1 : 3); i++) {
                Processes.Run run = Processes.runJar(options.cliJar, List.of(), List.of("--help"), Map.of(), logs,
                        "cli-help", Duration.ofMinutes(1));
                best = Math.min(best, run.seconds());
            }
            cliBaseline = best;
        }
        return cliBaseline;
    }

    static String tail(String text) {
        String[] lines = text.strip().split("\n");
        return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - 25), lines.length));
    }

    /** The 1-minute load average, for the report (others building on the machine make figures noisy). */
    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    static double load1() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
