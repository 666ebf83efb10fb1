package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.QueryPlans.indexesOn;
import static dev.orchestrator.persistence.QueryPlans.scansOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.analytics.AnalyticsGrouping;
import dev.orchestrator.core.domain.analytics.AnalyticsPeriod;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.views.Visibility;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EXPLAINs the analytics statement for one organization over 90 days, on ~25,000 executions with three
 * years of history (~90,000 events) after ANALYZE: the period's events are a range of V36's
 * workflow_execution_events_by_time (never a sequential scan of the event table), the first-start and
 * escalation look-ups go through V9's index, and work due in the period through V25's due-date index.
 */
@WithPostgres
class AnalyticsPlanTest {

    private static OrganizationId organization;
    private static Set<ProfileId> team;

    private final TestDatabase db;
    private final DSLContext sql;

    AnalyticsPlanTest(TestDatabase db) {
        this.db = db;
        this.sql = DSL.using(db.dataSource(), SQLDialect.POSTGRES, new Settings());
    }

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        try (Connection connection = db.connection(); Statement statement = connection.createStatement()) {
            statement.execute(PlanTestTeams.TEAMS + PlanTestTeams.DEFINITIONS + """
                    INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                                                     status, skip_reason, priority_score, created_at, started_at,
                                                     completed_at, skipped_at, due_at)
                        SELECT c.organization_id, d.id, c.id, c.csm_id, s.status,
                               CASE WHEN s.status = 'skipped' THEN 'not relevant' END, d.priority_weight, s.created,
                               CASE WHEN s.status IN ('underway', 'completed') THEN s.created + interval '5 hours' END,
                               CASE WHEN s.status = 'completed' THEN s.created + interval '3 days' END,
                               CASE WHEN s.status = 'skipped' THEN s.created + interval '2 days' END,
                               CASE WHEN random() < 0.3 THEN s.created + interval '14 days' END
                        FROM customers c JOIN workflow_definitions d ON d.organization_id = c.organization_id,
                             LATERAL (SELECT (ARRAY['not_started', 'underway', 'completed', 'completed', 'skipped'])
                                               [1 + (abs(hashtext(c.id::text || d.id::text)) % 5)] AS status,
                                             now() - random() * interval '1095 days' AS created) s;
                    INSERT INTO workflow_execution_events (organization_id, execution_id, actor_profile_id, action,
                                                           from_status, to_status, reason_code, occurred_at)
                        SELECT x.organization_id, x.id, a.actor, a.action, a.from_status, a.to_status, a.code, a.at
                        FROM workflow_executions x,
                             LATERAL (VALUES
                               (NULL::uuid, 'create', NULL, 'not_started', NULL, x.created_at),
                               (x.assigned_csm_id, 'start', 'not_started', 'underway', NULL, x.started_at),
                               (x.assigned_csm_id, 'complete', 'underway', 'completed', NULL, x.completed_at),
                               (CASE WHEN random() < 0.5 THEN x.assigned_csm_id END, 'skip', 'not_started', 'skipped',
                                'not_relevant', x.skipped_at)) a(actor, action, from_status, to_status, code, at)
                        WHERE a.at IS NOT NULL;
                    ANALYZE;
                    """);
            UUID manager;
            try (ResultSet row = statement.executeQuery(
                    "SELECT organization_id, id FROM profiles WHERE role = 'manager' ORDER BY id LIMIT 1")) {
                row.next();
                organization = OrganizationId.of(row.getObject(1, UUID.class));
                manager = row.getObject(2, UUID.class);
            }
            team = new HashSet<>();
            team.add(ProfileId.of(manager));
            try (ResultSet rows = statement.executeQuery("SELECT id FROM profiles WHERE manager_id = '" + manager + "'")) {
                while (rows.next()) {
                    team.add(ProfileId.of(rows.getObject(1, UUID.class)));
                }
            }
        }
    }

    @Test
    void theOrganizationsNinetyDaysAreARangeOfTheEventIndex() throws Exception {
        assertIndexed(new Visibility.WholeOrganization(), Optional.of(AnalyticsGrouping.WORKFLOW_TYPE));
    }

    /**
     * A team's few executions may come first (through a list index), each with its events of the period
     * through V9's index: either way, no table is read whole.
     */
    @Test
    void aManagersTeamIsReadThroughIndexesToo() throws Exception {
        JsonNode plan = plan(new Visibility.AssignedTo(team), Optional.of(AnalyticsGrouping.CSM));
        assertThat(scansOf(plan, "Seq Scan")).as("sequential scans in %s", plan)
                .doesNotContain("workflow_execution_events", "workflow_executions");
        assertThat(indexesOn(plan, "workflow_execution_events")).as("indexes in %s", plan)
                .containsAnyOf("workflow_execution_events_by_time", "workflow_execution_events_by_execution");
    }

    private JsonNode plan(Visibility scope, Optional<AnalyticsGrouping> grouping) throws Exception {
        LocalDate today = Instant.now().atOffset(ZoneOffset.UTC).toLocalDate();
        AnalyticsPeriod period = new AnalyticsPeriod(today.minusDays(89), today);
        String query = sql.renderInlined(new SqlAnalytics(sql).query(organization, scope, period, grouping, Instant.now()));
        try (Connection connection = db.connection()) {
            return QueryPlans.explain(connection, query);
        }
    }

    private void assertIndexed(Visibility scope, Optional<AnalyticsGrouping> grouping) throws Exception {
        JsonNode plan = plan(scope, grouping);
        assertThat(scansOf(plan, "Seq Scan")).as("sequential scans in %s", plan).doesNotContain("workflow_execution_events");
        assertThat(indexesOn(plan, "workflow_execution_events")).as("indexes in %s", plan)
                .contains("workflow_execution_events_by_time", "workflow_execution_events_by_execution");
        assertThat(indexesOn(plan, "workflow_executions")).as("indexes in %s", plan)
                .containsAnyOf("workflow_executions_list_org_due", "workflow_executions_list_csm_due");
    }
}
