package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.QueryPlans.indexesOn;
import static dev.orchestrator.persistence.QueryPlans.nodeTypes;
import static dev.orchestrator.persistence.QueryPlans.scansOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.queue.QueueMode;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EXPLAINs the production queue where definitions have dependencies (issue 14): the page is still
 * read from workflow_executions_production_queue in index order (no Sort), also as a cached generic
 * plan; the organization's dependent definitions are read once per page (an InitPlan), and an entry
 * of one of them probes its definition's dependencies by that key and the
 * prerequisite's executions by the per-(customer, definition) indexes, never by a scan. The release of dependents
 * reads the dependencies by prerequisite.
 */
@WithPostgres
class DependencyQueuePlanTest {

    private static OrganizationId organization;
    private static ProfileId csm;

    private final TestDatabase db;
    private final DSLContext sql;
    private final JooqQueueReader reader;

    DependencyQueuePlanTest(TestDatabase db) {
        this.db = db;
        this.sql = DSL.using(db.dataSource(), SQLDialect.POSTGRES, new Settings().withRenderNamedParamPrefix("$"));
        this.reader = new JooqQueueReader(sql);
    }

    /**
     * 2 organizations × 8 CSMs × 40 customers × 5 definitions (~6,400 rows), where opportunity waits
     * for strategic to be closed and renewal for a risk review completed within 30 days.
     */
    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        try (Connection connection = db.connection(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO organizations (name) SELECT 'org ' || o FROM generate_series(1, 2) o;
                    INSERT INTO profiles (organization_id, email, full_name, role)
                        SELECT org.id, 'csm' || c || '@example.org', 'CSM ' || c, 'csm'
                        FROM organizations org, generate_series(1, 8) c;
                    INSERT INTO customers (organization_id, name, csm_id)
                        SELECT p.organization_id, 'customer ' || n, p.id FROM profiles p, generate_series(1, 40) n;
                    INSERT INTO workflow_definitions (organization_id, name, workflow_type, priority_weight)
                        SELECT org.id, t, t, w
                        FROM organizations org,
                             (VALUES ('risk', 900), ('opportunity', 800), ('strategic', 700), ('renewal', 600), ('custom', 500)) d(t, w);
                    INSERT INTO workflow_definition_dependencies (organization_id, definition_id, prerequisite_id, position,
                                                                  completed_within_days)
                        SELECT d.organization_id, d.id, p.id, 0, CASE WHEN d.name = 'renewal' THEN 30 END
                        FROM workflow_definitions d JOIN workflow_definitions p ON p.organization_id = d.organization_id
                        WHERE (d.name, p.name) IN (('opportunity', 'strategic'), ('renewal', 'risk'));
                    INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                                                     status, snooze_until, priority_score, created_at)
                        SELECT c.organization_id, d.id, c.id, c.csm_id,
                               (ARRAY['not_started', 'underway', 'snoozed'])[1 + (row_number() OVER () % 3)],
                               now() + interval '2 days', d.priority_weight + (random() * 100)::int,
                               now() - random() * interval '30 days'
                        FROM customers c JOIN workflow_definitions d ON d.organization_id = c.organization_id
                        WHERE random() < 0.6;
                    INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                                                     status, skip_reason, priority_score, started_at, completed_at)
                        SELECT organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                               CASE WHEN random() < 0.5 THEN 'completed' ELSE 'skipped' END, 'not relevant', priority_score,
                               now() - interval '40 days', now() - random() * interval '60 days'
                        FROM workflow_executions;
                    ANALYZE;
                    """);
            try (ResultSet row = statement.executeQuery("SELECT organization_id, assigned_csm_id FROM workflow_executions LIMIT 1")) {
                row.next();
                organization = OrganizationId.of(row.getObject(1, UUID.class));
                csm = ProfileId.of(row.getObject(2, UUID.class));
            }
        }
    }

    @Test
    void theQueueWithDependenciesIsReadInIndexOrderAndProbesByIndex() throws Exception {
        JsonNode plan = explain(sql.renderInlined(reader.queueQuery(organization, csm, QueueMode.PRODUCTION, 20)));

        assertQueuePlan(plan);
    }

    @Test
    void aCachedGenericPlanOfTheQueueWithDependenciesStillUsesTheIndexes() throws Exception {
        Query query = reader.queueQuery(organization, csm, QueueMode.PRODUCTION, 20);
        String text = sql.renderNamedParams(query);
        assertThat(text).contains("$1").contains("$2").contains("$3").doesNotContain("$4");
        try (Connection connection = db.connection(); Statement statement = connection.createStatement()) {
            statement.execute("SET plan_cache_mode = force_generic_plan");
            statement.execute("PREPARE queue(uuid, uuid, uuid) AS " + text);
            try (ResultSet rows = statement.executeQuery("EXPLAIN (FORMAT JSON) EXECUTE queue('"
                    + organization + "', '" + csm + "', '" + organization + "')")) {
                rows.next();
                assertQueuePlan(QueryPlans.parse(rows.getString(1)));
            }
        }
    }

    private static void assertQueuePlan(JsonNode plan) {
        assertThat(indexesOn(plan, "workflow_executions")).as("plan: %s", plan)
                .containsExactly(AdapterQueuePlanTest.PRODUCTION_QUEUE_INDEXES);
        // An entry's dependencies, when it is of a dependent definition. The organization's dependent
        // definitions are read once per page (an InitPlan): by the primary key, or, on a table of a few
        // rows like this one, a scan of its one page.
        assertThat(indexesOn(withoutInitPlans(plan), "workflow_definition_dependencies")).as("plan: %s", plan)
                .containsExactly("workflow_definition_dependencies_pkey");
        assertThat(scansOf(withoutInitPlans(plan), "Seq Scan")).as("plan: %s", plan)
                .doesNotContain("workflow_definition_dependencies");
        assertThat(plan.path("Plans").findValuesAsText("Subplan Name")).as("plan: %s", plan)
                .anyMatch(name -> name.startsWith("InitPlan"));
        assertThat(nodeTypes(plan)).as("plan: %s", plan).doesNotContain("Sort", "Incremental Sort");
        assertThat(scansOf(plan, "Seq Scan")).as("plan: %s", plan).doesNotContain("workflow_executions");
    }

    /** {@code plan} without its InitPlans (run once per statement, not per entry). */
    private static JsonNode withoutInitPlans(JsonNode plan) {
        JsonNode copy = plan.deepCopy();
        QueryPlans.walk(copy, node -> {
            if (node.has("Plans")) {
                var children = (com.fasterxml.jackson.databind.node.ArrayNode) node.get("Plans");
                for (int i = children.size() - 1; i >= 0; i--) {
                    if (children.get(i).path("Parent Relationship").asText().equals("InitPlan")) {
                        children.remove(i);
                    }
                }
            }
        });
        return copy;
    }

    private JsonNode explain(String query) throws Exception {
        try (Connection connection = db.connection()) {
            return QueryPlans.explain(connection, query);
        }
    }
}
