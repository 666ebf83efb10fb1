package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.QueryPlans.indexesOn;
import static dev.orchestrator.persistence.QueryPlans.scansOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.workload.LoadCounting;
import dev.orchestrator.core.domain.workload.RebalancePolicy;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * EXPLAINs the rebalance read on ~25,000 open and ~25,000 closed executions after ANALYZE: the team's
 * open work is read through V29's open-work index (no sequential scan of workflow_executions), so that a
 * proposal costs what the team has open, not the organization's history.
 */
@WithPostgres
class RebalancePlanTest {

    private static OrganizationId organization;
    private static Map<ProfileId, Integer> team;

    private final TestDatabase db;
    private final DSLContext sql;

    RebalancePlanTest(TestDatabase db) {
        this.db = db;
        this.sql = DSL.using(db.dataSource(), SQLDialect.POSTGRES, new Settings());
    }

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        try (Connection connection = db.connection(); Statement statement = connection.createStatement()) {
            statement.execute(PlanTestTeams.TEAMS + PlanTestTeams.DEFINITIONS + """
                    INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                                                     status, snooze_until, priority_score, created_at)
                        SELECT c.organization_id, d.id, c.id, c.csm_id, s.status,
                               CASE WHEN s.status = 'snoozed' THEN now() + interval '5 days' END,
                               d.priority_weight + (random() * 100)::int, now() - random() * interval '300 days'
                        FROM customers c JOIN workflow_definitions d ON d.organization_id = c.organization_id,
                             LATERAL (SELECT (ARRAY['not_started', 'underway', 'snoozed'])[1 + (abs(hashtext(c.id::text || d.id::text)) % 3)] AS status) s;
                    INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                                                     status, priority_score, created_at, completed_at)
                        SELECT organization_id, workflow_definition_id, customer_id, assigned_csm_id, 'completed',
                               priority_score, created_at - interval '30 days', created_at
                        FROM workflow_executions;
                    ANALYZE;
                    """);
            UUID manager;
            try (ResultSet row = statement.executeQuery(
                    "SELECT organization_id, id FROM profiles WHERE role = 'manager' ORDER BY id LIMIT 1")) {
                row.next();
                organization = OrganizationId.of(row.getObject(1, UUID.class));
                manager = row.getObject(2, UUID.class);
            }
            team = new HashMap<>();
            try (ResultSet rows = statement.executeQuery("SELECT id FROM profiles WHERE manager_id = '" + manager + "'")) {
                // Capacities below and above their ~500 open items: some give, some take.
                int i = 0;
                while (rows.next()) {
                    team.put(ProfileId.of(rows.getObject(1, UUID.class)), i++ % 2 == 0 ? 100 : 5000);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(LoadCounting.class)
    void theTeamsOpenWorkIsReadThroughItsIndex(LoadCounting counting) throws Exception {
        String query = sql.renderInlined(new SqlRebalanceReads(sql).query(organization, team,
                RebalancePolicy.DEFAULTS.counted(counting), PriorityPolicy.STANDARD.labels()));
        JsonNode plan;
        try (Connection connection = db.connection()) {
            plan = QueryPlans.explain(connection, query);
        }
        assertThat(scansOf(plan, "Seq Scan")).as("sequential scans in %s", plan).doesNotContain("workflow_executions");
        assertThat(indexesOn(plan, "workflow_executions")).as("indexes in %s", plan)
                .contains("workflow_executions_team_open");
    }
}
