package dev.orchestrator.benchmarks.system;

import dev.orchestrator.persistence.PostgresStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 4: {@code orchestrator.jar interpret-signals} over a data set of {@code size} customers (or,
 * with {@code --signals-shape executions}, over the other sections' data set of {@code size}
 * executions), twice: the first run creates the triggered executions, the second must create none.
 */
final class SignalsSection {

    private SignalsSection() {
    }

    static void run(Context ctx, String label, long size) throws Exception {
        Report r = ctx.report;
        boolean byExecutions = ctx.options.signalsShape.equals("executions");
        DataShape shape = byExecutions ? DataShape.forExecutions(size) : DataShape.forCustomers(size);
        long customers = shape.customers();
        r.heading(3, "Signal interpretation (" + (byExecutions ? label + " executions, " + Report.count(customers)
                + " customers" : label + " customers") + ")");
        label = byExecutions ? label + "_executions" : label;
        String db = Suite.databaseName(ctx, "signals_" + label);
        Suite.prepareDatabase(ctx, db, shape, "signals." + label + ".seed_seconds");
        double baseline = ctx.cliBaselineSeconds();
        long before;
        try (Connection c = ctx.pg.connect(db)) {
            before = executions(c);
        }
        r.paragraph("Data set: " + shape.describe() + ". Load average before: " + Context.load()
                + ". Times are `orchestrator.jar interpret-signals` wall time minus the CLI's start-up ("
                + Report.fmt(baseline) + " s).");
        // The first run's plan on a copy of the data set (EXPLAIN ANALYZE runs the statement: on the data
        // set itself its rolled-back rows would stay in the indexes and slow the timed run).
        String copy = db + "_plan";
        ctx.pg.copy(db, copy);
        String firstPlan;
        try (Connection c = ctx.pg.connect(copy)) {
            firstPlan = explainDaily(c);
        } finally {
            ctx.pg.drop(copy);
        }
        Processes.Run first = ctx.cli(db, "interpret-" + label + "-1", List.of(), "interpret-signals");
        long afterFirst;
        try (Connection c = ctx.pg.connect(db)) {
            afterFirst = executions(c);
        }
        Processes.Run second = ctx.cli(db, "interpret-" + label + "-2", List.of(), "interpret-signals");
        long afterSecond;
        try (Connection c = ctx.pg.connect(db)) {
            afterSecond = executions(c);
        }
        String secondPlan;
        try (Connection c = ctx.pg.connect(db)) {
            secondPlan = explainDaily(c);
        }
        double t1 = Math.max(0.001, first.seconds() - baseline);
        double t2 = Math.max(0.001, second.seconds() - baseline);
        r.table(List.of("run", "seconds", "customers/s", "executions created", "CLI output"), List.of(
                List.of("first", Report.fmt(t1), Report.fmt(customers / t1), Report.count(afterFirst - before),
                        oneLine(first.out())),
                List.of("second (idempotent)", Report.fmt(t2), Report.fmt(customers / t2), Report.count(afterSecond - afterFirst),
                        oneLine(second.out()))));
        r.paragraph("The statement of the first run, `EXPLAIN (ANALYZE, BUFFERS)` with the settings the service gives it"
                + " (`PostgresStore.dailyInterpretationSql`), on a copy of the data set before that run:");
        r.code(firstPlan);
        r.paragraph("The same after the second run (nothing to create):");
        r.code(secondPlan);
        String key = "signals." + label + ".";
        r.figure(key + "first_s", t1);
        r.figure(key + "created", afterFirst - before);
        r.figure(key + "second_s", t2);
        r.figure(key + "second_created", afterSecond - afterFirst);
        if (afterSecond != afterFirst) {
            r.problem(label + " signals: the second interpret-signals created " + (afterSecond - afterFirst) + " executions");
        }
        if (!ctx.options.keep) {
            ctx.pg.drop(db);
        }
    }

    /**
     * {@code EXPLAIN (ANALYZE, BUFFERS)} of the daily interpretation as the service runs it, in a
     * transaction that is rolled back.
     */
    static String explainDaily(Connection c) throws Exception {
        List<String> statements = PostgresStore.dailyInterpretationSql(
                java.time.LocalDate.now(java.time.ZoneOffset.UTC), java.time.Instant.now());
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String setting : statements.subList(0, statements.size() - 1)) {
                s.execute(setting);
            }
            List<String> lines = new ArrayList<>();
            try (ResultSet rows = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + statements.get(statements.size() - 1))) {
                while (rows.next()) {
                    lines.add(rows.getString(1));
                }
            }
            return String.join("\n", lines);
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    private static long executions(Connection c) throws Exception {
        return Sql.longValue(c, "SELECT count(*) FROM workflow_executions");
    }

    static String oneLine(String text) {
        String t = text.strip().replace('\n', ' ').replace('|', '/');
        return t.length() > 120 ? t.substring(0, 117) + "…" : t;
    }
}
