package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.QueryPlans.indexesOn;
import static dev.orchestrator.persistence.QueryPlans.scansOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The count the team view makes of its CSMs' escalations (V28's partial index
 * workflow_executions_unresolved_escalations), EXPLAINed on ~60,000 executions after ANALYZE, with
 * sequential scans not disabled: open ones, and unresolved ones, of one manager's CSMs.
 */
@WithPostgres
class EscalationPlanTest {

    private static String organization;
    private static String team;

    private final TestDatabase db;

    EscalationPlanTest(TestDatabase db) {
        this.db = db;
    }

    /** 2 organizations × 25 CSMs × 100 customers × 12 definitions; one execution in 25 escalated, in every state. */
    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        try (Connection connection = db.connection(); Statement statement = connection.createStatement()) {
            statement.execute(PlanTestTeams.TEAMS + """
                    INSERT INTO workflow_definitions (organization_id, name, workflow_type, priority_weight)
                        SELECT org.id, 'def ' || n, 'risk', 500 + n FROM organizations org, generate_series(1, 12) n;
                    INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                                                     status, skip_reason, escalation_user_id, escalation_state, escalated_at)
                        SELECT c.organization_id, d.id, c.id, c.csm_id, s.status,
                               CASE WHEN s.status = 'skipped' THEN 'done' END,
                               CASE WHEN x.escalated THEN (SELECT manager_id FROM profiles WHERE id = c.csm_id) END,
                               CASE WHEN x.escalated
                                    THEN (ARRAY['open', 'acknowledged', 'resolved'])[1 + (abs(hashtext(d.id::text || c.id::text)) % 3)] END,
                               CASE WHEN x.escalated THEN now() END
                        FROM customers c JOIN workflow_definitions d ON d.organization_id = c.organization_id,
                             LATERAL (SELECT abs(hashtext(c.id::text || d.name)) % 25 = 0 AS escalated) x,
                             LATERAL (SELECT (ARRAY['not_started', 'underway', 'completed', 'skipped'])[1 + (abs(hashtext(d.name || c.id::text)) % 4)] AS status) s;
                    ANALYZE;
                    """);
            try (ResultSet row = statement.executeQuery(
                    "SELECT organization_id, manager_id FROM profiles WHERE role = 'csm' ORDER BY id LIMIT 1")) {
                row.next();
                organization = row.getString(1);
                String manager = row.getString(2);
                List<String> csms = new ArrayList<>();
                try (Statement more = connection.createStatement();
                        ResultSet rows = more.executeQuery("SELECT id FROM profiles WHERE manager_id = '" + manager + "'")) {
                    while (rows.next()) {
                        csms.add("'" + rows.getString(1) + "'");
                    }
                }
                team = csms.stream().collect(Collectors.joining(", "));
            }
            try (ResultSet count = statement.executeQuery(
                    "SELECT count(*), count(escalation_state) FROM workflow_executions")) {
                count.next();
                assertThat(count.getLong(1)).as("rows loaded").isGreaterThan(50_000);
                assertThat(count.getLong(2)).as("escalated rows").isGreaterThan(1_000);
            }
        }
    }

    private JsonNode plan(String states) throws SQLException {
        try (Connection connection = db.connection()) {
            return QueryPlans.explain(connection, "SELECT assigned_csm_id, count(*) FROM workflow_executions"
                    + " WHERE organization_id = '" + organization + "' AND assigned_csm_id IN (" + team + ")"
                    + " AND escalation_state IN (" + states + ") GROUP BY assigned_csm_id");
        }
    }

    @Test
    void aTeamsOpenEscalationsAreCountedFromThePartialIndex() throws SQLException {
        for (String states : List.of("'open'", "'open', 'acknowledged'")) {
            JsonNode plan = plan(states);
            assertThat(indexesOn(plan, "workflow_executions")).as(plan.toString())
                    .containsOnly("workflow_executions_unresolved_escalations");
            assertThat(scansOf(plan, "Seq Scan")).as(plan.toString()).doesNotContain("workflow_executions");
        }
    }
}
