package dev.orchestrator.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.EmptyDatabase;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V28 on a database escalated before it: each escalated execution becomes an open escalation by the
 * actor of its latest escalate event, at that time (its updated_at, by nobody, without one); the others
 * get no escalation state.
 */
@WithPostgres
class EscalationBackfillTest {

    private static final String ORG = "b0000000-0000-4000-8000-000000000001";
    private static final String CSM = "b0000000-0000-4000-8000-000000000011";
    private static final String MANAGER = "b0000000-0000-4000-8000-000000000012";
    private static final String ADMIN = "b0000000-0000-4000-8000-000000000013";
    private static final String EVENTED = "b0000000-0000-4000-8000-000000000031";
    private static final String SILENT = "b0000000-0000-4000-8000-000000000032";
    private static final String PLAIN = "b0000000-0000-4000-8000-000000000033";

    @Test
    void escalatedExecutionsBecomeOpenEscalationsByTheirLatestEscalator(@EmptyDatabase TestDatabase empty)
            throws SQLException {
        Flyway.configure().dataSource(empty.dataSource()).locations(Migrator.LOCATION).target("27").load().migrate();
        try (Connection c = empty.connection(); Statement s = c.createStatement()) {
            // the owner binds itself to the organization, as row-level security (V26) asks
            s.execute("SELECT set_config('orchestrator.organization_id', '" + ORG + "', false)");
            s.execute("INSERT INTO organizations (id, name) VALUES ('" + ORG + "', 'Acme')");
            s.execute("INSERT INTO profiles (organization_id, id, email, full_name, role) VALUES"
                    + " ('" + ORG + "', '" + CSM + "', 'c@x', 'C', 'csm'), ('" + ORG + "', '" + MANAGER + "', 'm@x', 'M', 'manager'),"
                    + " ('" + ORG + "', '" + ADMIN + "', 'a@x', 'A', 'admin')");
            s.execute("INSERT INTO customers (organization_id, id, name, csm_id) VALUES ('" + ORG
                    + "', 'b0000000-0000-4000-8000-000000000021', 'Globex', '" + CSM + "')");
            s.execute("INSERT INTO workflow_definitions (organization_id, id, name, workflow_type, priority_weight) VALUES"
                    + " ('" + ORG + "', 'b0000000-0000-4000-8000-000000000041', 'a', 'risk', 500),"
                    + " ('" + ORG + "', 'b0000000-0000-4000-8000-000000000042', 'b', 'risk', 500),"
                    + " ('" + ORG + "', 'b0000000-0000-4000-8000-000000000043', 'c', 'risk', 500)");
            s.execute("INSERT INTO workflow_executions (organization_id, id, workflow_definition_id, customer_id,"
                    + " assigned_csm_id, escalation_user_id, updated_at) VALUES"
                    + " ('" + ORG + "', '" + EVENTED + "', 'b0000000-0000-4000-8000-000000000041',"
                    + " 'b0000000-0000-4000-8000-000000000021', '" + CSM + "', '" + MANAGER + "', '2026-01-05T00:00:00Z'),"
                    + " ('" + ORG + "', '" + SILENT + "', 'b0000000-0000-4000-8000-000000000042',"
                    + " 'b0000000-0000-4000-8000-000000000021', '" + CSM + "', '" + MANAGER + "', '2026-01-06T00:00:00Z'),"
                    + " ('" + ORG + "', '" + PLAIN + "', 'b0000000-0000-4000-8000-000000000043',"
                    + " 'b0000000-0000-4000-8000-000000000021', '" + CSM + "', NULL, '2026-01-07T00:00:00Z')");
            s.execute("INSERT INTO workflow_execution_events (organization_id, execution_id, actor_profile_id, action,"
                    + " from_status, to_status, escalation_user_id, occurred_at) VALUES"
                    + " ('" + ORG + "', '" + EVENTED + "', '" + CSM + "', 'escalate', 'not_started', 'not_started', '"
                    + ADMIN + "', '2026-01-01T00:00:00Z'),"
                    + " ('" + ORG + "', '" + EVENTED + "', '" + ADMIN + "', 'escalate', 'not_started', 'not_started', '"
                    + MANAGER + "', '2026-01-02T00:00:00Z')");
        }

        new Migrator(empty.dataSource()).migrate();

        try (Connection c = empty.connection(); Statement s = c.createStatement()) {
            s.execute("SELECT set_config('orchestrator.organization_id', '" + ORG + "', false)");
            try (ResultSet rows = s.executeQuery("SELECT id, escalation_state, escalated_by,"
                    + " to_char(escalated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM workflow_executions ORDER BY id")) {
                assertThat(rows.next()).isTrue();
                assertThat(new String[] {rows.getString(2), rows.getString(3), rows.getString(4)})
                        .containsExactly("open", ADMIN, "2026-01-02");
                assertThat(rows.next()).isTrue();
                assertThat(new String[] {rows.getString(2), rows.getString(3), rows.getString(4)})
                        .containsExactly("open", null, "2026-01-06");
                assertThat(rows.next()).isTrue();
                assertThat(new String[] {rows.getString(2), rows.getString(3), rows.getString(4)})
                        .containsExactly(null, null, null);
            }
            try (ResultSet forced = s.executeQuery("SELECT relforcerowsecurity FROM pg_class"
                    + " WHERE relname IN ('workflow_executions', 'workflow_execution_events')")) {
                while (forced.next()) {
                    assertThat(forced.getBoolean(1)).as("row-level security forced again").isTrue();
                }
            }
        }
    }
}
