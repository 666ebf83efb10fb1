package dev.orchestrator.benchmarks.system;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The whole-system benchmark suite: one command runs every figure of docs/performance.md and
 * writes them as markdown to {@code --out}/report.md (with figures.tsv and the processes' logs).
 *
 * <pre>
 * mvn -q package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.orchestrator.benchmarks.system.Suite \
 *     --db-url jdbc:postgresql://HOST:5432/postgres --sizes 100k,1m
 * </pre>
 *
 * For each size it creates a database {@code orchbench_<size>} (migrated with the product's
 * migrations, seeded with {@code orchestrator.jar seed synthetic}), then measures the priority
 * recompute, the daily job against interpret-signals + recompute, the queue read and serve's footprint,
 * the state transitions, the dashboard's Today screen in headless Chromium ({@link DashboardSection}) and the signal ingestion
 * API (batch and single PATCH); signal
 * interpretation gets its own database of {@code <size>} customers; import and the core's JMH
 * benchmark run once. On request ({@code --only …,peers}) the same data set's open work is loaded into
 * Camunda 7, Flowable and TASKANA and measured beside the product ({@link PeersSection}). Nothing is sent anywhere but to loopback and to the given PostgreSQL; every
 * load phase is bounded in time and in requests.
 */
public final class Suite {

    private Suite() {
    }

    public static void main(String[] args) {
        try {
            Result result = run(args);
            System.err.println("[suite] report: " + result.report().toAbsolutePath());
            System.exit(result.problems().isEmpty() ? 0 : 2);
        } catch (Options.UsageException e) {
            System.err.println(e.getMessage());
            System.exit(64);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** What one run produced: the figures by key, problems seen, and the report's path. */
    public record Result(Map<String, Double> figures, List<String> problems, Path report) {
    }

    public static Result run(String... args) throws Exception {
        Options options = Options.parse(args);
        Report report = new Report();
        try (Postgres pg = Postgres.open(options)) {
            Context ctx = new Context(options, pg, report);
            header(ctx);
            for (long size : options.sizes) {
                runSize(ctx, size);
            }
            if (options.sections.contains("import")) {
                guard(ctx, "import", () -> ImportSection.run(ctx));
            }
            if (options.sections.contains("core")) {
                guard(ctx, "core", () -> CoreSection.run(ctx));
            }
        }
        Path file = options.out.resolve("report.md");
        report.write(file);
        return new Result(report.figures(), report.problems(), file);
    }

    private interface Step {
        void run() throws Exception;
    }

    /** A section that fails is reported as a problem; the others still run. */
    private static void guard(Context ctx, String what, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            ctx.report.problem(what + " failed: " + e.getMessage());
            e.printStackTrace();
        }
    }

    private static void header(Context ctx) throws Exception {
        Report r = ctx.report;
        Options o = ctx.options;
        r.heading(2, "Run of " + OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE)
                + " (" + String.join(", ", o.sizes.stream().map(Options::sizeLabel).toList()) + ")");
        r.code("java -cp benchmarks/target/benchmarks.jar dev.orchestrator.benchmarks.system.Suite " + o.commandLine);
        Runtime rt = Runtime.getRuntime();
        r.table(List.of("machine", "value"), List.of(
                List.of("CPUs (available to the JVM)", Integer.toString(rt.availableProcessors())),
                List.of("memory", memTotal()),
                List.of("load average (1/5/15 min) at start", Context.load()),
                List.of("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")),
                List.of("PostgreSQL", String.join("; ", ctx.pg.settings())),
                List.of("seeder", o.seeder.equals("cli") ? "orchestrator.jar seed synthetic" : "the suite's SQL seeder")));
    }

    private static String memTotal() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format("%.1f GiB", kb / 1048576.0);
                }
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return "n/a";
    }

    static String databaseName(Context ctx, String suffix) {
        return ctx.options.dbPrefix + "_" + suffix.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    private static void runSize(Context ctx, long size) throws Exception {
        Options o = ctx.options;
        String label = Options.sizeLabel(size);
        ctx.report.heading(2, label + " executions");
        String db = databaseName(ctx, label);
        DataShape shape = DataShape.forExecutions(size);
        boolean needsData = o.sections.contains("seed") || o.sections.contains("recompute") || o.sections.contains("daily")
                || o.sections.contains("queue") || o.sections.contains("transitions") || o.sections.contains("ingest")
                || o.sections.contains("lists") || o.sections.contains("team") || o.sections.contains("policies")
                || o.sections.contains("dependencies") || o.sections.contains("rebalance")
                || o.sections.contains("analytics") || o.sections.contains("dashboard") || o.sections.contains("peers");
        if (needsData) {
            prepareDatabase(ctx, db, shape, "seed." + label + ".seconds");
        }
        if (o.sections.contains("recompute")) {
            guard(ctx, "recompute " + label, () -> RecomputeSection.run(ctx, db, label));
        }
        if (o.sections.contains("policies")) {
            // on a copy of the data set: applying writes
            guard(ctx, "policies " + label, () -> PoliciesSection.run(ctx, db, label));
        }
        if (o.sections.contains("dependencies")) {
            // adds dependency rows and removes them again: the sections after it see the data unchanged
            guard(ctx, "dependencies " + label, () -> DependenciesSection.run(ctx, db, label));
        }
        if (o.sections.contains("peers")) {
            // on a copy of the data set (it completes, re-scores and creates work), peers on databases of their own
            guard(ctx, "peers " + label, () -> PeersSection.run(ctx, db, label));
        }
        if (o.sections.contains("daily")) {
            // on two copies of the data set: the sections after it see the data unchanged
            guard(ctx, "daily " + label, () -> DailySection.run(ctx, db, label));
        }
        if (o.sections.contains("queue") || o.sections.contains("transitions") || o.sections.contains("ingest")
                || o.sections.contains("lists") || o.sections.contains("team") || o.sections.contains("rebalance")
                || o.sections.contains("analytics") || o.sections.contains("dashboard")) {
            guard(ctx, "serve " + label, () -> {
                try (ServeProcess serve = ServeProcess.start(o.cliJar, o.serveJvmOptions, ctx.env(db), ctx.logs,
                        "serve-" + label)) {
                    Thread.sleep(o.quick ? 500 : 2_000);
                    ctx.idleRssKb = serve.rssKb();
                    if (o.sections.contains("dashboard")) {
                        // first: a serve no load phase has warmed, as a team's morning finds it
                        guard(ctx, "dashboard " + label, () -> DashboardSection.run(ctx, db, label, serve));
                    }
                    if (o.sections.contains("queue")) {
                        guard(ctx, "queue " + label, () -> QueueSection.run(ctx, db, label, serve));
                    }
                    if (o.sections.contains("transitions")) {
                        guard(ctx, "transitions " + label, () -> TransitionsSection.run(ctx, db, label, serve));
                    }
                    if (o.sections.contains("lists")) {
                        guard(ctx, "lists " + label, () -> ListsSection.run(ctx, db, label, serve));
                    }
                    if (o.sections.contains("rebalance")) {
                        // before the team section: its bulk calls start and snooze the team's work
                        guard(ctx, "rebalance " + label, () -> RebalanceSection.run(ctx, db, label, serve));
                    }
                    if (o.sections.contains("team")) {
                        guard(ctx, "team " + label, () -> TeamSection.run(ctx, db, label, serve));
                    }
                    if (o.sections.contains("analytics")) {
                        // adds event histories (once per data set); changes no execution
                        guard(ctx, "analytics " + label, () -> AnalyticsSection.run(ctx, db, label, serve));
                    }
                    if (o.sections.contains("ingest")) {
                        // last on this data set: it changes signals and creates executions
                        guard(ctx, "ingest " + label, () -> SignalIngestSection.run(ctx, db, label, serve));
                    }
                }
            });
        }
        if (o.sections.contains("signals")) {
            guard(ctx, "signals " + label, () -> SignalsSection.run(ctx, label, size));
        }
        if (needsData && !o.keep) {
            ctx.pg.drop(db);
        }
    }

    /**
     * Creates, migrates and seeds {@code db} (unless --reuse finds it), and reports the seeding time
     * as the figure {@code key}.
     */
    static void prepareDatabase(Context ctx, String db, DataShape shape, String key) throws Exception {
        Report r = ctx.report;
        if (ctx.options.reuse && ctx.pg.exists(db)) {
            if (ctx.options.serviceUser != null) {
                ctx.pg.ensureServiceRole(ctx.options.serviceUser);
            }
            r.paragraph("Data set `" + db + "` reused from an earlier run (--reuse): " + shape.describe() + ".");
            return;
        }
        ctx.pg.recreate(db);
        ctx.pg.migrate(db);
        if (ctx.options.serviceUser != null) {
            ctx.pg.ensureServiceRole(ctx.options.serviceUser);
        }
        String load = Context.load();
        double seconds;
        String how;
        if (ctx.options.seeder.equals("cli")) {
            double baseline = ctx.cliBaselineSeconds();
            Processes.Run run = ctx.cli(db, "seed-" + db, List.of(), "seed", "synthetic",
                    "--organizations", Long.toString(shape.organizations()), "--csms", Long.toString(shape.csms()),
                    "--customers", Long.toString(shape.customers()), "--executions", Long.toString(shape.executions()),
                    "--seed", Long.toString(ctx.options.seed));
            seconds = Math.max(0.001, run.seconds() - baseline);
            how = "`orchestrator.jar seed synthetic` (CLI start-up of " + Report.fmt(baseline) + " s subtracted)";
        } else {
            long start = System.nanoTime();
            try (Connection c = ctx.pg.connect(db)) {
                SqlSeeder.seed(c, shape, ctx.options.seed);
            }
            seconds = (System.nanoTime() - start) / 1e9;
            how = "the suite's SQL seeder";
        }
        try (Connection c = ctx.pg.connect(db)) {
            Sql.execute(c, "VACUUM (ANALYZE)");
            List<String> mix = Sql.lines(c, "SELECT status || ' ' || round(100.0 * count(*) / sum(count(*)) OVER (), 1) || ' %'"
                    + " FROM workflow_executions GROUP BY status ORDER BY status");
            long executions = Sql.longValue(c, "SELECT count(*) FROM workflow_executions");
            long customers = Sql.longValue(c, "SELECT count(*) FROM customers");
            long csms = Sql.longValue(c, "SELECT count(*) FROM profiles WHERE role = 'csm'");
            String size = Sql.lines(c, "SELECT pg_size_pretty(pg_database_size(current_database()))").get(0);
            r.paragraph(String.format("Data set `%s`: %,d executions (%s), %,d customers, %,d CSMs; %s on disk. "
                    + "Seeded by %s in **%s s** (load average before: %s).",
                    db, executions, String.join(", ", mix), customers, csms, size, how, Report.fmt(seconds), load));
        }
        r.figure(key, seconds);
    }
}
