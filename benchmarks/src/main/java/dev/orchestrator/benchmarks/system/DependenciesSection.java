package dev.orchestrator.benchmarks.system;

import dev.orchestrator.persistence.PostgresStore;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 14's target: the production queue with workflow dependencies stays within 10 % of today's
 * pages/s. Three phases over JDBC, the product's own statements ({@link PostgresStore#queuePageSql}),
 * a random CSM's top 10 under {@code --clients} closed-loop clients: the page as it was before
 * dependencies ({@link PostgresStore#queuePageSqlBeforeDependencies}); the product's page with no
 * dependency defined; and the product's page after every organization's opportunity definitions are
 * made to depend on its strategic ones (while open) and its renewal definitions on its risk ones
 * (completed within 30 days), and the stored blocked markers refreshed as a definition write does, so
 * that a quarter of the open work is blocked. The dependency rows are removed afterwards (and the markers
 * refreshed again). The baseline reads V8's index, created for its phase and dropped after it; an
 * unrecorded phase first warms the cache for each index.
 */
final class DependenciesSection {

    private static final String BEFORE = PostgresStore.queuePageSqlBeforeDependencies(QueueSection.LIMIT);
    /** V8's queue index, for the baseline phase only (V41 restricted the product's to unblocked rows). */
    private static final String BEFORE_INDEX = "bench_production_queue_before_dependencies";

    private DependenciesSection() {
    }

    static void run(Context ctx, String db, String label) throws Exception {
        Report r = ctx.report;
        r.heading(3, "Queue read with workflow dependencies (" + label + ")");
        List<QueueSection.Csm> csms;
        try (Connection c = ctx.pg.connect(db)) {
            csms = QueueSection.csms(ctx, c);
            Sql.execute(c, "DELETE FROM workflow_definition_dependencies");
            Sql.refreshBlockedMarkers(c);
            // The page before dependencies read V8's index, which V41 replaced by one without blocked
            // rows (that the old page's WHERE cannot use): the baseline gets V8's index back for its phase.
            Sql.execute(c, "CREATE INDEX " + BEFORE_INDEX + " ON workflow_executions "
                    + "(organization_id, assigned_csm_id, priority_score DESC, created_at, id) "
                    + "WHERE is_demo = false AND status IN ('not_started', 'underway', 'snoozed')");
            Sql.execute(c, "ANALYZE workflow_executions");
        }
        LoadDriver.Result before;
        try {
            // Unrecorded: a cold cache would make whichever phase runs first the slowest.
            QueueSection.jdbc(ctx, db, csms, "warm-up", BEFORE);
            before = QueueSection.jdbc(ctx, db, csms, "before-dependencies", BEFORE);
        } finally {
            try (Connection c = ctx.pg.connect(db)) {
                Sql.execute(c, "DROP INDEX IF EXISTS " + BEFORE_INDEX);
            }
        }
        QueueSection.jdbc(ctx, db, csms, "warm-up");
        LoadDriver.Result none = QueueSection.jdbc(ctx, db, csms, "no-dependencies");
        long rows;
        long dependentRows;
        long blocked;
        String plan;
        LoadDriver.Result with;
        try (Connection c = ctx.pg.connect(db)) {
            rows = Sql.update(c, """
                    INSERT INTO workflow_definition_dependencies (organization_id, definition_id, prerequisite_id, position,
                                                                  completed_within_days)
                    SELECT d.organization_id, d.id, p.id, 0, CASE WHEN d.workflow_type = 'renewal' THEN 30 END
                    FROM workflow_definitions d
                    JOIN workflow_definitions p ON p.organization_id = d.organization_id AND NOT p.is_demo
                     AND ((d.workflow_type = 'opportunity' AND p.workflow_type = 'strategic')
                       OR (d.workflow_type = 'renewal' AND p.workflow_type = 'risk'))
                    WHERE NOT d.is_demo
                    ON CONFLICT DO NOTHING""");
            Sql.execute(c, "ANALYZE workflow_definition_dependencies");
            // A definition write, as the product's saveDefinition does it: the dependents' stored markers.
            long marked = Sql.refreshBlockedMarkers(c);
            Sql.execute(c, "VACUUM (ANALYZE) workflow_executions");
            dependentRows = Sql.longValue(c, "SELECT count(*) FROM workflow_executions e WHERE NOT e.is_demo "
                    + "AND e.status IN ('not_started', 'snoozed') AND EXISTS (SELECT 1 FROM workflow_definition_dependencies d "
                    + "WHERE d.organization_id = e.organization_id AND d.definition_id = e.workflow_definition_id)");
            blocked = Sql.longValue(c, "SELECT count(*) FROM workflow_executions WHERE NOT is_demo AND blocked");
            if (blocked != marked) {
                r.problem(label + ": " + marked + " markers set, but " + blocked + " rows marked blocked");
            }
            plan = QueueSection.explain(c, csms.get(0));
        }
        try {
            with = QueueSection.jdbc(ctx, db, csms, "with-dependencies");
        } finally {
            try (Connection c = ctx.pg.connect(db)) {
                Sql.execute(c, "DELETE FROM workflow_definition_dependencies");
                Sql.refreshBlockedMarkers(c);
            }
        }
        List<List<String>> table = new ArrayList<>();
        for (LoadDriver.Result res : List.of(before, none, with)) {
            table.add(List.of(res.name(), Report.count(res.requests()), Report.fmt(res.throughput()), Report.fmt(res.p(50)),
                    Report.fmt(res.p(99)), Report.count(res.requests() - (long) res.ok())));
            if (res.ok() < res.requests()) {
                r.problem(label + " " + res.name() + ": " + (res.requests() - (long) res.ok()) + " failed calls"
                        + (res.firstError() == null ? "" : ", first error: " + res.firstError()));
            }
        }
        r.paragraph(String.format("%,d dependency rows; %,d not-started or snoozed executions of a dependent definition, "
                + "%,d of them blocked (marked, and left out of the queue's index).", rows, dependentRows, blocked));
        r.table(List.of("statement", "requests", "pages/s", "p50 ms", "p99 ms", "failed"), table);
        double ratio = with.throughput() / before.throughput();
        r.paragraph(String.format("With dependencies ÷ before dependencies: %s (target ≥ 0.90); no dependencies ÷ before: %s.",
                Report.ratio(ratio), Report.ratio(none.throughput() / before.throughput())));
        String key = "dependencies." + label + ".";
        r.figure(key + "before_rps", before.throughput());
        r.figure(key + "none_rps", none.throughput());
        r.figure(key + "with_rps", with.throughput());
        r.figure(key + "with_vs_before", ratio);
        r.paragraph("The product's page with dependencies, its plan for one CSM (`EXPLAIN (ANALYZE, BUFFERS)`, warm cache):");
        r.code(QueueSection.QUEUE_SQL);
        r.code(plan);
    }
}
