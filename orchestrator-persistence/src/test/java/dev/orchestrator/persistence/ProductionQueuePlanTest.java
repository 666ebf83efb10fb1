package dev.orchestrator.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production queue query must be served by the partial index
 * workflow_executions_production_queue: read the first n entries of one CSM in order, never
 * sort all of that CSM's work. Runs on a few thousand rows after ANALYZE, without disabling
 * sequential scans: at this size the planner already prefers the index on its own merits.
 */
@WithPostgres
class ProductionQueuePlanTest {

    private static final String QUEUE_INDEX = "workflow_executions_production_queue";

    /** The query as the service must write it: tenant/CSM bound, the partial-index predicate inline. */
    private static final String QUEUE_QUERY = """
            SELECT * FROM workflow_executions
            WHERE organization_id = ? AND assigned_csm_id = ?
              AND is_demo = false AND status IN ('not_started', 'underway', 'snoozed') AND blocked = false
            ORDER BY priority_score DESC, created_at, id
            LIMIT 10""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static UUID organization;
    private static UUID csm;

    private final TestDatabase db;

    ProductionQueuePlanTest(TestDatabase db) {
        this.db = db;
    }

    /**
     * 2 organizations x 8 CSMs x 40 customers x 5 definitions: 3,200 open executions, plus
     * 3,200 terminal and 320 demo ones the queue must skip — 6,720 rows in all.
     */
    @BeforeAll
    static void loadExecutions(TestDatabase db) throws SQLException {
        try (Connection connection = db.connection(); Statement sql = connection.createStatement()) {
            sql.execute("""
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
                    -- one open execution per (customer, definition)
                    INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                                                     status, snooze_until, priority_score, created_at)
                        SELECT c.organization_id, d.id, c.id, c.csm_id,
                               (ARRAY['not_started', 'underway', 'snoozed'])[1 + (row_number() OVER () % 3)],
                               now() + interval '2 days', d.priority_weight + (random() * 100)::int,
                               now() - random() * interval '30 days'
                        FROM customers c JOIN workflow_definitions d ON d.organization_id = c.organization_id;
                    -- finished work, which stays in the table but not in the queue
                    INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                                                     status, skip_reason, priority_score)
                        SELECT organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                               CASE WHEN random() < 0.5 THEN 'completed' ELSE 'skipped' END, 'not relevant', priority_score
                        FROM workflow_executions;
                    -- demo executions
                    INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                                                     is_demo, priority_score)
                        SELECT DISTINCT ON (organization_id, customer_id) organization_id, workflow_definition_id, customer_id,
                               assigned_csm_id, true, 999
                        FROM workflow_executions WHERE status = 'completed'
                        ORDER BY organization_id, customer_id
                        ON CONFLICT DO NOTHING;
                    ANALYZE;
                    """);
            try (ResultSet row = sql.executeQuery("SELECT organization_id, assigned_csm_id FROM workflow_executions LIMIT 1")) {
                row.next();
                organization = row.getObject(1, UUID.class);
                csm = row.getObject(2, UUID.class);
            }
            try (ResultSet count = sql.executeQuery("SELECT count(*) FROM workflow_executions")) {
                count.next();
                assertThat(count.getLong(1)).as("rows loaded").isGreaterThan(6000);
            }
        }
    }

    @Test
    void theQueueIsReadFromThePartialIndexWithoutSorting() throws Exception {
        JsonNode plan;
        try (Connection connection = db.connection();
                PreparedStatement explain = connection.prepareStatement("EXPLAIN (FORMAT JSON) " + QUEUE_QUERY)) {
            explain.setObject(1, organization);
            explain.setObject(2, csm);
            plan = planOf(explain);
        }
        assertUsesQueueIndexWithoutSort(plan);
    }

    @Test
    void aGenericPlanForTheBoundTenantAndCsmStillUsesTheIndex() throws Exception {
        // What a long-lived prepared statement ends up with after a few executions.
        try (Connection connection = db.connection(); Statement sql = connection.createStatement()) {
            sql.execute("SET plan_cache_mode = force_generic_plan");
            sql.execute("PREPARE queue(uuid, uuid) AS " + QUEUE_QUERY.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2"));
            // EXPLAIN EXECUTE takes no bind parameters; the literals do not matter to a generic plan.
            try (PreparedStatement explain = connection.prepareStatement(
                    "EXPLAIN (FORMAT JSON) EXECUTE queue('" + organization + "', '" + csm + "')")) {
                assertUsesQueueIndexWithoutSort(planOf(explain));
            }
        }
    }

    @Test
    void bindingTheStatusListDefeatsThePartialIndexInAGenericPlan() throws Exception {
        // Why the statuses must be literals in the service's SQL (jOOQ: DSL.inline): a generic
        // plan cannot prove "status = ANY($3)" implies the index predicate.
        String query = """
                SELECT * FROM workflow_executions
                WHERE organization_id = $1 AND assigned_csm_id = $2
                  AND is_demo = false AND status = ANY($3)
                ORDER BY priority_score DESC, created_at, id
                LIMIT 10""";
        try (Connection connection = db.connection(); Statement sql = connection.createStatement()) {
            sql.execute("SET plan_cache_mode = force_generic_plan");
            sql.execute("PREPARE bound_queue(uuid, uuid, text[]) AS " + query);
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (FORMAT JSON) EXECUTE bound_queue('"
                    + organization + "', '" + csm + "', '{not_started,underway,snoozed}')")) {
                assertThat(indexesUsed(planOf(explain))).doesNotContain(QUEUE_INDEX);
            }
        }
    }

    @Test
    void theIndexOrderIsTheQueueOrder() throws SQLException {
        List<Integer> priorities = new ArrayList<>();
        try (Connection connection = db.connection(); PreparedStatement queue = connection.prepareStatement(QUEUE_QUERY)) {
            queue.setObject(1, organization);
            queue.setObject(2, csm);
            try (ResultSet rows = queue.executeQuery()) {
                while (rows.next()) {
                    assertThat(rows.getBoolean("is_demo")).isFalse();
                    assertThat(rows.getString("status")).isIn("not_started", "underway", "snoozed");
                    priorities.add(rows.getInt("priority_score"));
                }
            }
        }
        assertThat(priorities).hasSize(10).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
    }

    private static void assertUsesQueueIndexWithoutSort(JsonNode plan) {
        assertThat(indexesUsed(plan)).as("plan: %s", plan).containsExactly(QUEUE_INDEX);
        assertThat(nodeTypes(plan)).as("plan: %s", plan).doesNotContain("Sort", "Incremental Sort", "Seq Scan", "Bitmap Heap Scan");
    }

    private static JsonNode planOf(PreparedStatement explain) throws Exception {
        try (ResultSet rows = explain.executeQuery()) {
            rows.next();
            return JSON.readTree(rows.getString(1)).get(0).get("Plan");
        }
    }

    private static List<String> nodeTypes(JsonNode plan) {
        List<String> types = new ArrayList<>();
        walk(plan, node -> types.add(node.get("Node Type").asText()));
        return types;
    }

    private static List<String> indexesUsed(JsonNode plan) {
        List<String> indexes = new ArrayList<>();
        walk(plan, node -> {
            if (node.has("Index Name")) {
                indexes.add(node.get("Index Name").asText());
            }
        });
        return indexes;
    }

    private static void walk(JsonNode node, java.util.function.Consumer<JsonNode> visit) {
        visit.accept(node);
        node.path("Plans").forEach(child -> walk(child, visit));
    }
}
