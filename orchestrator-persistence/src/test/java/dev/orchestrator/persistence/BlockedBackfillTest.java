package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.EmptyDatabase;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * V41 on a database with dependencies from before it: the migration's backfill (the rule written out in
 * SQL, once, for the rows that exist) marks exactly the rows {@code DependencySql.blocked} blocks, on
 * random data (statuses, creation and completion times around each window's start), and the queue index
 * is rebuilt without them.
 */
@WithPostgres
class BlockedBackfillTest {

    @Test
    void theBackfillMarksExactlyWhatTheRuleBlocks(@EmptyDatabase TestDatabase empty) throws SQLException {
        Flyway.configure().dataSource(empty.dataSource()).locations(Migrator.LOCATION).target("40").load().migrate();
        try (Connection c = empty.connection(); Statement s = c.createStatement()) {
            s.execute("SELECT setseed(0.41)");
            s.execute("""
                    INSERT INTO organizations (name) SELECT 'org ' || o FROM generate_series(1, 2) o;
                    INSERT INTO profiles (organization_id, email, full_name, role)
                        SELECT id, 'csm@example.org', 'CSM', 'csm' FROM organizations;
                    INSERT INTO customers (organization_id, name, csm_id)
                        SELECT p.organization_id, 'customer ' || n, p.id FROM profiles p, generate_series(1, 30) n;
                    INSERT INTO workflow_definitions (organization_id, name, workflow_type, priority_weight)
                        SELECT o.id, 'd' || d, 'custom', 500 FROM organizations o, generate_series(1, 5) d;
                    -- d3 on d1 while open, d4 on d2 completed within 2 days, d5 on both; only in the first organization
                    INSERT INTO workflow_definition_dependencies (organization_id, definition_id, prerequisite_id, position,
                                                                  completed_within_days)
                        SELECT d.organization_id, d.id, p.id, 0, CASE WHEN p.name = 'd2' THEN 2 END
                        FROM workflow_definitions d JOIN workflow_definitions p ON p.organization_id = d.organization_id
                        WHERE (d.name, p.name) IN (('d3', 'd1'), ('d4', 'd2'), ('d5', 'd1'), ('d5', 'd2'))
                          AND d.organization_id = (SELECT min(id::text)::uuid FROM organizations);
                    INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                                                     status, skip_reason, snooze_until, created_at, completed_at)
                        SELECT c.organization_id, d.id, c.id, c.csm_id, x.status,
                               CASE WHEN x.status = 'skipped' THEN 'no' END,
                               CASE WHEN x.status = 'snoozed' THEN x.created + interval '3 days' END, x.created,
                               CASE WHEN x.status = 'completed' THEN x.created - (random() * 4 - 1) * interval '1 day' END
                        FROM customers c JOIN workflow_definitions d ON d.organization_id = c.organization_id
                        -- correlated (c.id), so that each row draws its own values
                        CROSS JOIN LATERAL (SELECT (ARRAY['not_started', 'underway', 'snoozed', 'completed', 'skipped'])
                                                       [1 + floor(random() * 5)::int] AS status,
                                                   timestamptz '2026-03-02' + floor(random() * 6) * interval '1 day'
                                                       + (floor(random() * 3) - 1) * interval '1 hour' AS created
                                            WHERE c.id IS NOT NULL) x;
                    -- closed runs of the prerequisites as well, some within a window and some not
                    INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                                                     status, created_at, completed_at)
                        SELECT organization_id, workflow_definition_id, customer_id, assigned_csm_id, 'completed',
                               created_at - interval '5 days', created_at + (random() * 4 - 3) * interval '1 day'
                        FROM workflow_executions WHERE random() < 0.5;
                    """);
        }

        new Migrator(empty.dataSource()).migrate();

        DSLContext sql = DSL.using(empty.dataSource(), SQLDialect.POSTGRES);
        var e = WORKFLOW_EXECUTIONS.as("e");
        var rule = DSL.field(DependencySql.blocked(e.ORGANIZATION_ID, e.CUSTOMER_ID, e.WORKFLOW_DEFINITION_ID, e.STATUS,
                e.CREATED_AT));
        Map<UUID, Boolean> marked = new TreeMap<>();
        Map<UUID, Boolean> blocked = new TreeMap<>();
        sql.select(e.ID, e.BLOCKED, rule).from(e).fetch().forEach(r -> {
            marked.put(r.value1(), r.value2());
            blocked.put(r.value1(), r.value3());
        });
        assertThat(sql.fetchCount(dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITION_DEPENDENCIES))
                .as("dependencies").isEqualTo(4);
        assertThat(marked).isEqualTo(blocked);
        assertThat(blocked.values().stream().filter(b -> b).count()).as("blocked rows").isBetween(10L, marked.size() - 10L);
        try (Connection c = empty.connection(); Statement s = c.createStatement();
                var rows = s.executeQuery("SELECT pg_get_indexdef('workflow_executions_production_queue'::regclass),"
                        + " (SELECT relforcerowsecurity FROM pg_class WHERE oid = 'workflow_executions'::regclass)")) {
            rows.next();
            assertThat(rows.getString(1)).endsWith("AND (NOT blocked))");
            assertThat(rows.getBoolean(2)).as("row-level security forced again").isTrue();
        }
    }
}
