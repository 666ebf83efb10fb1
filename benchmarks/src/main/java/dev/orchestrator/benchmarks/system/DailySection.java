package dev.orchestrator.benchmarks.system;

import java.sql.Connection;
import java.util.List;

/**
 * The daily job (issue 10) against what it replaces: {@code orchestrator.jar jobs run daily} (interpret
 * signals, apply the lifecycle rules, recompute priorities, under the job's lock and with its history)
 * versus {@code orchestrator.jar interpret-signals} followed by {@code orchestrator.jar recompute}, on two
 * copies of the same data set made seconds apart, in the same sitting; then a second daily run the same
 * day, which must write no row of the data (executions, events, customers).
 *
 * <p>So that the lifecycle step has work to do, the copies first get what an organization using the rules
 * would have: every production definition names {@code cooldown_days}, {@code auto_close} (after 1 run for
 * half the definitions, 2 for the rest) and {@code wake_on_risk_increase}; every not-started execution is
 * marked as created by signals; every snoozed one gets a risk score at snooze time between 0 and 10. That
 * setup is benchmark data, written here; the timed work is the product's own commands only.
 */
final class DailySection {

    private DailySection() {
    }

    /** Rows written to the data tables, from PostgreSQL's statistics (flushed when the CLI's sessions end). */
    private static final String WRITES = "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables"
            + " WHERE relname IN ('workflow_executions', 'workflow_execution_events', 'customers',"
            + " 'customer_properties', 'workflow_definitions')";

    static void run(Context ctx, String db, String label) throws Exception {
        Report r = ctx.report;
        r.heading(3, "Daily job (" + label + ")");
        String before = Suite.databaseName(ctx, "daily_" + label + "_base");
        String daily = Suite.databaseName(ctx, "daily_" + label + "_job");
        try (Connection c = ctx.pg.connect(db)) {
            Sql.execute(c, "CHECKPOINT");
        }
        ctx.pg.copy(db, before);
        try (Connection c = ctx.pg.connect(before)) {
            turnTheRulesOn(c);
        }
        ctx.pg.copy(before, daily);
        // The same start for both: each copy read once, so neither pays for a cold cache alone.
        warm(ctx, before);
        warm(ctx, daily);
        double baseline = ctx.cliBaselineSeconds();
        String load = Context.load();

        Processes.Run interpret = ctx.cli(before, "daily-" + label + "-interpret", List.of(), "interpret-signals");
        Processes.Run recompute = ctx.cli(before, "daily-" + label + "-recompute", List.of(), "recompute");
        long writesBefore = writes(ctx, daily);
        Processes.Run first = ctx.cli(daily, "daily-" + label + "-1", List.of(), "jobs", "run", "daily",
                "--instance", "bench");
        Thread.sleep(1_500); // let the statistics of the CLI's sessions arrive
        long writesFirst = writes(ctx, daily);
        Processes.Run second = ctx.cli(daily, "daily-" + label + "-2", List.of(), "jobs", "run", "daily",
                "--instance", "bench");
        Thread.sleep(1_500);
        long writesSecond = writes(ctx, daily);

        double tInterpret = Math.max(0.001, interpret.seconds() - baseline);
        double tRecompute = Math.max(0.001, recompute.seconds() - baseline);
        double tBaseline = tInterpret + tRecompute;
        double tFirst = Math.max(0.001, first.seconds() - baseline);
        double tSecond = Math.max(0.001, second.seconds() - baseline);
        r.paragraph("Two copies of the data set made seconds apart (lifecycle keys on, see DailySection). Load average "
                + "before: " + load + ". Times are the commands' wall time minus the CLI's start-up ("
                + Report.fmt(baseline) + " s). Rows written: inserts + updates + deletes on workflow_executions, "
                + "workflow_execution_events, customers, customer_properties and workflow_definitions "
                + "(pg_stat_user_tables); the run history (job_runs) is not data.");
        r.table(List.of("run", "seconds", "rows written", "CLI output"), List.of(
                List.of("interpret-signals", Report.fmt(tInterpret), "", SignalsSection.oneLine(interpret.out())),
                List.of("recompute", Report.fmt(tRecompute), "", SignalsSection.oneLine(recompute.out())),
                List.of("**interpret-signals + recompute**", Report.fmt(tBaseline), "", ""),
                List.of("**jobs run daily**", Report.fmt(tFirst), Report.count(writesFirst - writesBefore),
                        SignalsSection.oneLine(first.out())),
                List.of("jobs run daily, again the same day", Report.fmt(tSecond),
                        Report.count(writesSecond - writesFirst), SignalsSection.oneLine(second.out()))));
        r.paragraph("Daily job ÷ (interpret-signals + recompute): " + Report.ratio(tFirst / tBaseline) + ".");
        String key = "daily." + label + ".";
        r.figure(key + "baseline_s", tBaseline);
        r.figure(key + "first_s", tFirst);
        r.figure(key + "first_vs_baseline", tFirst / tBaseline);
        r.figure(key + "second_s", tSecond);
        r.figure(key + "second_rows_written", writesSecond - writesFirst);
        if (writesSecond != writesFirst) {
            r.problem(label + " daily: the second run the same day wrote " + (writesSecond - writesFirst) + " rows");
        }
        if (!ctx.options.keep) {
            ctx.pg.drop(before);
            ctx.pg.drop(daily);
        }
    }

    private static void turnTheRulesOn(Connection c) throws Exception {
        Sql.execute(c, "UPDATE workflow_definitions SET trigger_conditions = trigger_conditions"
                + " || jsonb_build_object('cooldown_days', 30, 'wake_on_risk_increase', 2,"
                + " 'auto_close', jsonb_build_object('margin', 1, 'after_runs', 1 + (abs(hashtext(id::text)) % 2)))"
                + " WHERE NOT is_demo");
        Sql.execute(c, "UPDATE workflow_executions SET created_by_signals = true WHERE status = 'not_started' AND NOT is_demo");
        Sql.execute(c, "UPDATE workflow_executions SET snooze_risk_score = abs(hashtext(id::text)) % 11"
                + " WHERE status = 'snoozed'");
        Sql.execute(c, "VACUUM (ANALYZE) workflow_executions");
        Sql.execute(c, "VACUUM (ANALYZE) workflow_definitions");
        Sql.execute(c, "CHECKPOINT");
    }

    private static void warm(Context ctx, String db) throws Exception {
        try (Connection c = ctx.pg.connect(db)) {
            for (String table : List.of("workflow_executions", "customers", "customer_properties", "contacts",
                    "workflow_definitions")) {
                Sql.longValue(c, "SELECT count(*) FROM (SELECT * FROM " + table + ") t");
            }
        }
    }

    private static long writes(Context ctx, String db) throws Exception {
        try (Connection c = ctx.pg.connect(db)) {
            return Sql.longValue(c, WRITES);
        }
    }
}
