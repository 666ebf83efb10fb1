package dev.orchestrator.benchmarks.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the product is compared with, all installed into the benchmark database only (never in
 * the product's migrations):
 * <ul>
 *   <li>the seed prototype's recompute: a per-row PL/pgSQL loop calling a per-execution priority
 *       function ({@code calculate_workflow_priority(execution_id)} and
 *       {@code update_all_workflow_priorities()}), which rewrites every active row;</li>
 *   <li>the limit: one hand-written UPDATE with the formula inlined, writing only changed rows;</li>
 *   <li>the seed prototype's index design on workflow_executions (single-column indexes only).</li>
 * </ul>
 * The formula is the one in docs/priority-and-signals.md (PriorityPolicy.STANDARD).
 */
final class Baselines {

    static final String ACTIVE = "status IN ('not_started', 'underway', 'snoozed')";

    /** Today as the product's policy sees it: the UTC calendar date. */
    private static final String TODAY = "(now() AT TIME ZONE 'UTC')::date";

    /** The score of one row, inlined; aliases e (execution), d (definition), p (customer_properties). */
    static final String SCORE = """
            CASE
              WHEN e.status = 'snoozed' AND e.snooze_until IS NOT NULL THEN
                CASE WHEN %1$s - (e.snooze_until AT TIME ZONE 'UTC')::date >= -3
                     THEN 1000 + (%1$s - (e.snooze_until AT TIME ZONE 'UTC')::date)
                     ELSE 400 - abs(%1$s - (e.snooze_until AT TIME ZONE 'UTC')::date) END
              ELSE d.priority_weight
                   + coalesce(p.revenue_impact_tier, 0) * 5
                   + CASE WHEN d.workflow_type = 'risk' THEN coalesce(p.churn_risk_score, 0) * 5 ELSE 0 END
                   + CASE WHEN d.workflow_type = 'opportunity' THEN coalesce(p.usage_score, 0) / 10 ELSE 0 END
            END""".formatted(TODAY);

    /** Active executions with their freshly computed score. */
    static final String SCORED = """
            SELECT e.id, %s AS score
            FROM workflow_executions e
            JOIN workflow_definitions d ON d.organization_id = e.organization_id AND d.id = e.workflow_definition_id
            LEFT JOIN customer_properties p ON p.customer_id = e.customer_id
            WHERE e.%s""".formatted(SCORE, ACTIVE);

    /**
     * The limit: one statement, only rows whose score changes are written. No self-join: the
     * properties are LEFT JOINed to the customers in UPDATE's FROM (the fastest form found: a
     * self-join on id costs ~1.7× more on a no-op at 1M rows).
     */
    static final String HAND_WRITTEN_UPDATE = """
            UPDATE workflow_executions e SET priority_score = %1$s
            FROM workflow_definitions d,
                 customers c LEFT JOIN customer_properties p ON p.organization_id = c.organization_id AND p.customer_id = c.id
            WHERE d.organization_id = e.organization_id AND d.id = e.workflow_definition_id
              AND c.organization_id = e.organization_id AND c.id = e.customer_id
              AND e.%2$s
              AND e.priority_score IS DISTINCT FROM %1$s""".formatted(SCORE, ACTIVE);

    /** Rows whose stored score differs from the formula (0 after a correct recompute). */
    static final String MISMATCHES = """
            SELECT count(*) FROM (%s) s JOIN workflow_executions t ON t.id = s.id
            WHERE t.priority_score IS DISTINCT FROM s.score""".formatted(SCORED);

    /** The seed prototype's functions, as it had them: one SELECT per execution, one UPDATE per row. */
    static final String PROTOTYPE_FUNCTIONS = """
            CREATE OR REPLACE FUNCTION calculate_workflow_priority(p_execution_id uuid) RETURNS integer
            LANGUAGE plpgsql STABLE AS $$
            DECLARE
              v_status varchar; v_snooze timestamptz; v_type varchar; v_weight integer;
              v_tier smallint; v_churn smallint; v_usage smallint; v_days integer; v_score integer;
            BEGIN
              SELECT e.status, e.snooze_until, d.workflow_type, d.priority_weight
                INTO v_status, v_snooze, v_type, v_weight
                FROM workflow_executions e JOIN workflow_definitions d ON d.id = e.workflow_definition_id
               WHERE e.id = p_execution_id;
              IF NOT FOUND THEN
                RETURN 0;
              END IF;
              IF v_status = 'snoozed' AND v_snooze IS NOT NULL THEN
                v_days := (now() AT TIME ZONE 'UTC')::date - (v_snooze AT TIME ZONE 'UTC')::date;
                IF v_days >= -3 THEN
                  RETURN 1000 + v_days;
                END IF;
                RETURN 400 - abs(v_days);
              END IF;
              SELECT cp.revenue_impact_tier, cp.churn_risk_score, cp.usage_score
                INTO v_tier, v_churn, v_usage
                FROM workflow_executions e JOIN customer_properties cp ON cp.customer_id = e.customer_id
               WHERE e.id = p_execution_id;
              v_score := v_weight + coalesce(v_tier, 0) * 5;
              IF v_type = 'risk' THEN
                v_score := v_score + coalesce(v_churn, 0) * 5;
              END IF;
              IF v_type = 'opportunity' THEN
                v_score := v_score + coalesce(v_usage, 0) / 10;
              END IF;
              RETURN v_score;
            END
            $$;

            CREATE OR REPLACE FUNCTION update_all_workflow_priorities() RETURNS integer
            LANGUAGE plpgsql AS $$
            DECLARE
              r record;
              n integer := 0;
            BEGIN
              FOR r IN SELECT id FROM workflow_executions
                        WHERE status IN ('not_started', 'underway', 'snoozed') LOOP
                UPDATE workflow_executions SET priority_score = calculate_workflow_priority(r.id) WHERE id = r.id;
                n := n + 1;
              END LOOP;
              RETURN n;
            END
            $$;
            """;

    /** The seed prototype's indexes on workflow_executions: single-column only (two of them partial). */
    static final List<String> SEED_INDEXES = List.of(
            "CREATE INDEX bench_seed_we_assigned_csm ON workflow_executions (assigned_csm_id)",
            "CREATE INDEX bench_seed_we_customer ON workflow_executions (customer_id)",
            "CREATE INDEX bench_seed_we_status ON workflow_executions (status)",
            "CREATE INDEX bench_seed_we_priority ON workflow_executions (priority_score DESC)",
            "CREATE INDEX bench_seed_we_snooze ON workflow_executions (snooze_until) WHERE status = 'snoozed'",
            "CREATE INDEX bench_seed_we_not_started ON workflow_executions (assigned_csm_id) WHERE status = 'not_started'");

    private Baselines() {
    }

    static void installPrototypeFunctions(Connection c) throws SQLException {
        Sql.execute(c, PROTOTYPE_FUNCTIONS);
    }

    /** Runs the prototype's loop; returns the rows it updated. */
    static long prototypeRecompute(Connection c) throws SQLException {
        return Sql.longValue(c, "SELECT update_all_workflow_priorities()");
    }

    static long handWrittenUpdate(Connection c) throws SQLException {
        return Sql.update(c, HAND_WRITTEN_UPDATE);
    }

    /**
     * Forgets every remembered score change ({@code V39}'s previous score and parts and their date), so
     * that a re-score timed after another one starts from the same rows: otherwise the first writes
     * each changed row's previous parts where there were none (wider rows, fewer HOT updates) and the
     * second only overwrites them, and whichever runs second looks faster.
     */
    static long forgetScoreChanges(Connection c) throws SQLException {
        return Sql.update(c, "UPDATE workflow_executions SET previous_score = NULL, previous_parts = NULL,"
                + " score_changed_on = NULL WHERE score_changed_on IS NOT NULL");
    }

    static long mismatches(Connection c) throws SQLException {
        return Sql.longValue(c, MISMATCHES);
    }

    /**
     * Replaces the product's secondary indexes on workflow_executions (those that back no
     * constraint) with the seed's, and returns the product's definitions to restore them with.
     */
    static List<String> switchToSeedIndexes(Connection c) throws SQLException {
        List<String> product = productIndexDefinitions(c);
        List<String> names = Sql.lines(c, """
                SELECT i.relname FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                WHERE x.indrelid = 'workflow_executions'::regclass
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)""");
        for (String name : names) {
            Sql.execute(c, "DROP INDEX " + name);
        }
        for (String ddl : SEED_INDEXES) {
            Sql.execute(c, ddl);
        }
        Sql.execute(c, "ANALYZE workflow_executions");
        return product;
    }

    static void restoreProductIndexes(Connection c, List<String> productDefinitions) throws SQLException {
        for (String name : Sql.lines(c, "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'bench_seed_we_%'")) {
            Sql.execute(c, "DROP INDEX " + name);
        }
        for (String ddl : productDefinitions) {
            Sql.execute(c, ddl);
        }
        Sql.execute(c, "ANALYZE workflow_executions");
    }

    static List<String> productIndexDefinitions(Connection c) throws SQLException {
        return new ArrayList<>(Sql.lines(c, """
                SELECT pg_get_indexdef(x.indexrelid) FROM pg_index x
                WHERE x.indrelid = 'workflow_executions'::regclass
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
                ORDER BY 1"""));
    }
}
