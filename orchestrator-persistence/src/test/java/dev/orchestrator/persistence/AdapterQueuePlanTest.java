package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.QueryPlans.indexesOn;
import static dev.orchestrator.persistence.QueryPlans.nodeTypes;
import static dev.orchestrator.persistence.QueryPlans.scansOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * EXPLAINs the queue query the adapter actually builds (joins, LEFT JOIN properties, EXISTS for a
 * strong contact, inlined membership predicate) on a few thousand rows: the production queue must be
 * read from workflow_executions_production_queue in index order (no Sort, no scan of all of the
 * CSM's rows), also as a cached generic plan; the demo queue from workflow_executions_demo_by_csm.
 */
@WithPostgres
class AdapterQueuePlanTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The page from the queue index, and nothing else of workflow_executions: blocked work is not in the
     * index (V41), so no entry probes a dependency or a prerequisite.
     */
    static final String[] PRODUCTION_QUEUE_INDEXES = {"workflow_executions_production_queue"};
    private static OrganizationId organization;
    private static ProfileId csm;

    private final TestDatabase db;
    private final DSLContext sql;
    private final JooqQueueReader reader;

    AdapterQueuePlanTest(TestDatabase db) {
        this.db = db;
        this.sql = DSL.using(db.dataSource(), SQLDialect.POSTGRES, new Settings().withRenderNamedParamPrefix("$"));
        this.reader = new JooqQueueReader(sql);
    }

    /** 2 organizations × 8 CSMs × 40 customers × 5 definitions, open, closed and demo executions: ~6,700 rows. */
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
                    -- two customers in three have properties; every other one a strong contact
                    INSERT INTO customer_properties (customer_id, organization_id, revenue_impact_tier, churn_risk_score, usage_score)
                        SELECT id, organization_id, 3, 5, 50 FROM customers WHERE abs(hashtext(id::text)) % 3 <> 0;
                    INSERT INTO contacts (organization_id, customer_id, name, relationship_strength)
                        SELECT organization_id, id, 'contact', CASE WHEN random() < 0.5 THEN 'strong' ELSE 'weak' END
                        FROM customers;
                    INSERT INTO workflow_definitions (organization_id, name, workflow_type, priority_weight, is_demo, trigger_conditions)
                        SELECT org.id, t, t, w, demo, CASE WHEN demo THEN jsonb_build_object('order', w) ELSE '{}' END
                        FROM organizations org,
                             (VALUES ('risk', 900), ('opportunity', 800), ('strategic', 700), ('renewal', 600), ('custom', 500)) d(t, w),
                             (VALUES (false), (true)) x(demo);
                    INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                                                     status, snooze_until, priority_score, created_at)
                        SELECT c.organization_id, d.id, c.id, c.csm_id,
                               (ARRAY['not_started', 'underway', 'snoozed'])[1 + (row_number() OVER () % 3)],
                               now() + interval '2 days', d.priority_weight + (random() * 100)::int,
                               now() - random() * interval '30 days'
                        FROM customers c JOIN workflow_definitions d ON d.organization_id = c.organization_id AND NOT d.is_demo;
                    INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                                                     status, skip_reason, priority_score)
                        SELECT organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                               CASE WHEN random() < 0.5 THEN 'completed' ELSE 'skipped' END, 'not relevant', priority_score
                        FROM workflow_executions;
                    INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id, is_demo)
                        SELECT c.organization_id, d.id, c.id, c.csm_id, true
                        FROM customers c JOIN workflow_definitions d ON d.organization_id = c.organization_id AND d.is_demo
                        WHERE abs(hashtext(c.id::text)) % 8 = 0;
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
    void theProductionQueueIsReadInIndexOrderWithoutSorting() throws Exception {
        JsonNode plan = explain(sql.renderInlined(reader.queueQuery(organization, csm, QueueMode.PRODUCTION, 20)));

        assertThat(indexesOn(plan, "workflow_executions")).as("plan: %s", plan)
                .containsExactly(PRODUCTION_QUEUE_INDEXES);
        assertThat(nodeTypes(plan)).as("plan: %s", plan).doesNotContain("Sort", "Incremental Sort");
        assertThat(scansOf(plan, "Seq Scan")).as("plan: %s", plan).doesNotContain("workflow_executions");
    }

    @Test
    void aCachedGenericPlanOfTheProductionQueueStillUsesTheIndex() throws Exception {
        // The adapter's query with its bind values as $1 and $2 (the organization, the CSM), as the JDBC
        // driver prepares it.
        Query query = reader.queueQuery(organization, csm, QueueMode.PRODUCTION, 20);
        String text = sql.renderNamedParams(query);
        assertThat(text).contains("$1").contains("$2").doesNotContain("$3");
        try (Connection connection = db.connection(); Statement statement = connection.createStatement()) {
            statement.execute("SET plan_cache_mode = force_generic_plan");
            statement.execute("PREPARE queue(uuid, uuid) AS " + text);
            try (ResultSet rows = statement.executeQuery("EXPLAIN (FORMAT JSON) EXECUTE queue('"
                    + organization + "', '" + csm + "')")) {
                rows.next();
                JsonNode plan = QueryPlans.parse(rows.getString(1));
                assertThat(indexesOn(plan, "workflow_executions")).as("plan: %s", plan)
                        .containsExactly(PRODUCTION_QUEUE_INDEXES);
                assertThat(nodeTypes(plan)).as("plan: %s", plan).doesNotContain("Sort", "Incremental Sort");
            }
        }
    }

    @Test
    void thePageReadsNoDependencyAtAll() throws Exception {
        // Run, not only planned: the page is the index's first entries and their rows; the stored
        // marker is in the index's predicate, so neither the dependencies nor a prerequisite is read.
        JsonNode plan;
        try (Connection connection = db.connection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("EXPLAIN (ANALYZE, FORMAT JSON) "
                        + sql.renderInlined(reader.queueQuery(organization, csm, QueueMode.PRODUCTION, 20)))) {
            rows.next();
            plan = QueryPlans.parse(rows.getString(1));
        }
        java.util.List<String> touched = new java.util.ArrayList<>();
        QueryPlans.walk(plan, node -> {
            if (node.path("Relation Name").asText().equals("workflow_definition_dependencies")
                    || node.path("Alias").asText().equals("pe") || node.path("Alias").asText().equals("pc")) {
                touched.add(node.path("Alias").asText());
            }
        });
        assertThat(plan.get("Actual Rows").asInt()).as("plan: %s", plan).isPositive();
        assertThat(touched).as("plan: %s", plan).isEmpty();
    }

    @Test
    void theDemoQueueFindsTheCsmsDemoRowsThroughTheDemoIndex() throws Exception {
        JsonNode plan = explain(sql.renderInlined(reader.queueQuery(organization, csm, QueueMode.DEMO, 20)));

        assertThat(indexesOn(plan, "workflow_executions")).as("plan: %s", plan)
                .containsExactly("workflow_executions_demo_by_csm");
    }

    private JsonNode explain(String query) throws Exception {
        try (Connection connection = db.connection()) {
            return QueryPlans.explain(connection, query);
        }
    }

}
