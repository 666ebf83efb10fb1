package dev.orchestrator.benchmarks.system;

import java.sql.Connection;
import java.util.List;

/**
 * Figure 4: {@code orchestrator.jar interpret-signals} over a data set of {@code size} customers,
 * twice: the first run creates the triggered executions, the second must create none.
 */
final class SignalsSection {

    private SignalsSection() {
    }

    static void run(Context ctx, String label, long customers) throws Exception {
        Report r = ctx.report;
        r.heading(3, "Signal interpretation (" + label + " customers)");
        String db = Suite.databaseName(ctx, "signals_" + label);
        DataShape shape = DataShape.forCustomers(customers);
        Suite.prepareDatabase(ctx, db, shape, "signals." + label + ".seed_seconds");
        double baseline = ctx.cliBaselineSeconds();
        long before;
        try (Connection c = ctx.pg.connect(db)) {
            before = executions(c);
        }
        r.paragraph("Data set: " + shape.describe() + ". Load average before: " + Context.load()
                + ". Times are `orchestrator.jar interpret-signals` wall time minus the CLI's start-up ("
                + Report.fmt(baseline) + " s).");
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
        double t1 = Math.max(0.001, first.seconds() - baseline);
        double t2 = Math.max(0.001, second.seconds() - baseline);
        r.table(List.of("run", "seconds", "customers/s", "executions created", "CLI output"), List.of(
                List.of("first", Report.fmt(t1), Report.fmt(customers / t1), Report.count(afterFirst - before),
                        oneLine(first.out())),
                List.of("second (idempotent)", Report.fmt(t2), Report.fmt(customers / t2), Report.count(afterSecond - afterFirst),
                        oneLine(second.out()))));
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

    private static long executions(Connection c) throws Exception {
        return Sql.longValue(c, "SELECT count(*) FROM workflow_executions");
    }

    static String oneLine(String text) {
        String t = text.strip().replace('\n', ' ').replace('|', '/');
        return t.length() > 120 ? t.substring(0, 117) + "…" : t;
    }
}
