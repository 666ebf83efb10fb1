package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.QueryPlans.indexesOn;
import static dev.orchestrator.persistence.QueryPlans.scansOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.team.TeamWindows;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EXPLAINs the team view's statement on ~50,000 executions (half of them closed over a year) after
 * VACUUM ANALYZE: each of its reads goes through V29's index for it (no sequential scan of
 * workflow_executions), so that a manager's view costs what their team's open and recent work is,
 * not their whole history, and the open read (the largest) never visits the table; the escalate events
 * are read through V9's index.
 */
@WithPostgres
class TeamViewPlanTest {

    private static OrganizationId organization;
    private static Set<ProfileId> team;

    private final TestDatabase db;
    private final DSLContext sql;

    TeamViewPlanTest(TestDatabase db) {
        this.db = db;
        this.sql = DSL.using(db.dataSource(), SQLDialect.POSTGRES, new Settings());
    }

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        try (Connection connection = db.connection(); Statement statement = connection.createStatement()) {
            statement.execute(PlanTestTeams.TEAMS + PlanTestTeams.DEFINITIONS + """
                    INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                                                     status, snooze_until, priority_score, created_at, escalation_user_id)
                        SELECT c.organization_id, d.id, c.id, c.csm_id, s.status,
                               CASE WHEN s.status = 'snoozed' THEN now() + random() * interval '20 days' END,
                               d.priority_weight + (random() * 100)::int, now() - random() * interval '300 days',
                               CASE WHEN random() < 0.05 THEN (SELECT manager_id FROM profiles WHERE id = c.csm_id) END
                        FROM customers c JOIN workflow_definitions d ON d.organization_id = c.organization_id,
                             LATERAL (SELECT (ARRAY['not_started', 'underway', 'snoozed'])[1 + (abs(hashtext(c.id::text || d.id::text)) % 3)] AS status) s;
                    INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                                                     status, skip_reason, priority_score, created_at, completed_at, skipped_at)
                        SELECT organization_id, workflow_definition_id, customer_id, assigned_csm_id, s.status,
                               'not relevant', priority_score, created_at - interval '30 days',
                               CASE WHEN s.status = 'completed' THEN s.closed END,
                               CASE WHEN s.status = 'skipped' THEN s.closed END
                        FROM workflow_executions,
                             LATERAL (SELECT CASE WHEN random() < 0.5 THEN 'completed' ELSE 'skipped' END AS status,
                                             now() - random() * interval '365 days' AS closed) s;
                    INSERT INTO workflow_execution_events (organization_id, execution_id, action, to_status, occurred_at,
                                                           escalation_user_id)
                        SELECT e.organization_id, e.id, 'escalate', e.status, e.created_at + interval '1 hour',
                               e.escalation_user_id
                        FROM workflow_executions e WHERE e.escalation_user_id IS NOT NULL;
                    ANALYZE;
                    """);
            // As autovacuum leaves a table: its pages all-visible, so that the planner weighs what an
            // index-only scan saves (not inside the batch above: VACUUM runs outside a transaction).
            statement.execute("VACUUM ANALYZE workflow_executions");
            UUID manager;
            try (ResultSet row = statement.executeQuery(
                    "SELECT organization_id, id FROM profiles WHERE role = 'manager' ORDER BY id LIMIT 1")) {
                row.next();
                organization = OrganizationId.of(row.getObject(1, UUID.class));
                manager = row.getObject(2, UUID.class);
            }
            team = new HashSet<>();
            try (ResultSet rows = statement.executeQuery("SELECT id FROM profiles WHERE manager_id = '" + manager + "'")) {
                while (rows.next()) {
                    team.add(ProfileId.of(rows.getObject(1, UUID.class)));
                }
            }
        }
    }

    @Test
    void everyReadOfAManagersTeamViewGoesThroughItsIndex() throws Exception {
        assertIndexed(team);
    }

    @Test
    void oneCsmsLineToo() throws Exception {
        assertIndexed(Set.of(team.iterator().next()));
    }

    private void assertIndexed(Set<ProfileId> csms) throws Exception {
        String query = sql.renderInlined(new SqlTeamViews(sql).query(organization, csms, new TeamWindows(Instant.now()),
                PriorityPolicy.STANDARD.labels()));
        JsonNode plan;
        try (Connection connection = db.connection()) {
            plan = QueryPlans.explain(connection, query);
        }
        assertThat(scansOf(plan, "Seq Scan")).as("sequential scans in %s", plan).doesNotContain("workflow_executions",
                "workflow_execution_events");
        assertThat(indexesOn(plan, "workflow_executions")).as("indexes in %s", plan).contains(
                "workflow_executions_team_open", "workflow_executions_team_escalated",
                "workflow_executions_team_completed", "workflow_executions_team_skipped");
        assertThat(indexesOn(plan, "workflow_execution_events")).as("indexes in %s", plan)
                .contains("workflow_execution_events_by_execution");
        // The open read (a manager's whole open work) never visits the table: every column it counts
        // by is in its index (V40 added escalation_state, which it had read from each row).
        assertThat(indexOnlyScans(plan)).as("index-only scans in %s", plan).contains("workflow_executions_team_open");
    }

    /** The indexes read by an Index Only Scan in {@code plan}. */
    private static java.util.List<String> indexOnlyScans(JsonNode plan) {
        java.util.List<String> indexes = new java.util.ArrayList<>();
        QueryPlans.walk(plan, node -> {
            if ("Index Only Scan".equals(node.path("Node Type").asText())) {
                indexes.add(node.path("Index Name").asText());
            }
        });
        return indexes;
    }
}
