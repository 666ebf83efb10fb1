package dev.orchestrator.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.scope.WorkScope;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EXPLAINs the statements a one-customer signal write (a PATCH) runs after writing the properties:
 * the re-scoring with its RETURNING and the interpretation answering the rows it created. Both must
 * read customers, properties, contacts and executions by index only, as custom plans and as the
 * cached generic plans such a write uses ({@code plan_cache_mode = force_generic_plan}).
 */
@WithPostgres
class SignalWritePlanTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> BIG_TABLES =
            Set.of("customers", "customer_properties", "contacts", "workflow_executions");
    private static OrganizationId organization;
    private static CustomerId customer;

    private final TestDatabase db;
    private final DSLContext sql;

    SignalWritePlanTest(TestDatabase db) {
        this.db = db;
        this.sql = DSL.using(db.dataSource(), SQLDialect.POSTGRES, new Settings().withRenderNamedParamPrefix("$"));
    }

    /** 2 organizations × 8 CSMs × 150 customers × 5 definitions, open and closed executions: ~24,000 rows. */
    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        try (Connection connection = db.connection(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO organizations (name) SELECT 'org ' || o FROM generate_series(1, 2) o;
                    INSERT INTO profiles (organization_id, email, full_name, role)
                        SELECT org.id, 'csm' || c || '@example.org', 'CSM ' || c, 'csm'
                        FROM organizations org, generate_series(1, 8) c;
                    INSERT INTO customers (organization_id, name, csm_id)
                        SELECT p.organization_id, 'customer ' || n, p.id FROM profiles p, generate_series(1, 150) n;
                    INSERT INTO customer_properties (customer_id, organization_id, revenue_impact_tier, churn_risk_score, usage_score)
                        SELECT id, organization_id, 3, 5, 50 FROM customers;
                    INSERT INTO contacts (organization_id, customer_id, name, relationship_strength)
                        SELECT organization_id, id, 'contact', CASE WHEN random() < 0.5 THEN 'strong' ELSE 'weak' END
                        FROM customers;
                    INSERT INTO workflow_definitions (organization_id, name, workflow_type, priority_weight, trigger_conditions)
                        SELECT org.id, t, t, w, CASE WHEN t = 'risk' THEN '{"risk_score_min": 9}'::jsonb ELSE '{}' END
                        FROM organizations org,
                             (VALUES ('risk', 900), ('opportunity', 800), ('strategic', 700), ('renewal', 600), ('custom', 500)) d(t, w);
                    INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                                                     status, priority_score)
                        SELECT c.organization_id, d.id, c.id, c.csm_id,
                               (ARRAY['not_started', 'underway'])[1 + (row_number() OVER () % 2)], d.priority_weight
                        FROM customers c JOIN workflow_definitions d ON d.organization_id = c.organization_id
                        WHERE d.workflow_type <> 'risk';
                    INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                                                     status, skip_reason, priority_score)
                        SELECT organization_id, workflow_definition_id, customer_id, assigned_csm_id, 'skipped',
                               'not relevant', priority_score
                        FROM workflow_executions;
                    ANALYZE;
                    """);
            try (ResultSet row = statement.executeQuery("SELECT organization_id, id FROM customers ORDER BY id LIMIT 1")) {
                row.next();
                organization = OrganizationId.of(row.getObject(1, UUID.class));
                customer = CustomerId.of(row.getObject(2, UUID.class));
            }
        }
    }

    private Query rescoring() {
        return SqlPriorityRecomputation.rescored(sql, WorkScope.customers(organization, Set.of(customer)),
                PriorityPolicy.STANDARD, LocalDate.of(2026, 3, 10));
    }

    private Query interpretation() {
        return SqlSignalInterpretation.created(sql, WorkScope.customers(organization, Set.of(customer)),
                SignalPolicy.STANDARD, PriorityPolicy.STANDARD, LocalDate.of(2026, 3, 10), Instant.parse("2026-03-10T06:00:00Z"));
    }

    @Test
    void theOneCustomerReScoringReadsByIndex() throws Exception {
        JsonNode custom = explain(sql.renderInlined(rescoring()));
        JsonNode generic = explainGeneric(rescoring());

        for (JsonNode plan : List.of(custom, generic)) {
            assertThat(seqScans(plan)).as("plan: %s", plan).doesNotContainAnyElementsOf(BIG_TABLES);
            assertThat(indexes(plan)).as("plan: %s", plan)
                    .contains("workflow_executions_pkey") // the score before, from RETURNING's subquery
                    .anyMatch(i -> i.startsWith("workflow_executions_") && !i.equals("workflow_executions_pkey"));
        }
    }

    @Test
    void theOneCustomerInterpretationReadsByIndex() throws Exception {
        JsonNode custom = explain(sql.renderInlined(interpretation()));
        JsonNode generic = explainGeneric(interpretation());

        for (JsonNode plan : List.of(custom, generic)) {
            assertThat(seqScans(plan)).as("plan: %s", plan).doesNotContainAnyElementsOf(BIG_TABLES);
            assertThat(indexes(plan)).as("plan: %s", plan).contains("contacts_by_customer");
        }
    }

    private JsonNode explain(String query) throws Exception {
        try (Connection connection = db.connection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("EXPLAIN (FORMAT JSON) " + query)) {
            rows.next();
            return JSON.readTree(rows.getString(1)).get(0).get("Plan");
        }
    }

    /** The statement with its bind values as $1..$n, prepared and explained as a generic plan. */
    private JsonNode explainGeneric(Query query) throws Exception {
        String text = sql.renderNamedParams(query);
        String values = query.getBindValues().stream().map(SignalWritePlanTest::literal)
                .collect(Collectors.joining(", "));
        try (Connection connection = db.connection(); Statement statement = connection.createStatement()) {
            statement.execute("SET plan_cache_mode = force_generic_plan");
            statement.execute("PREPARE write AS " + text);
            try (ResultSet rows = statement.executeQuery("EXPLAIN (FORMAT JSON) EXECUTE write(" + values + ")")) {
                rows.next();
                return JSON.readTree(rows.getString(1)).get(0).get("Plan");
            }
        }
    }

    private static String literal(Object value) {
        if (value instanceof Object[] array) {
            return literal(java.util.Arrays.stream(array).map(String::valueOf)
                    .collect(Collectors.joining(",", "{", "}")));
        }
        return "'" + String.valueOf(value).replace("'", "''") + "'";
    }

    private static List<String> seqScans(JsonNode plan) {
        List<String> relations = new ArrayList<>();
        walk(plan, node -> {
            if ("Seq Scan".equals(node.get("Node Type").asText())) {
                relations.add(node.path("Relation Name").asText());
            }
        });
        return relations;
    }

    private static List<String> indexes(JsonNode plan) {
        List<String> names = new ArrayList<>();
        walk(plan, node -> {
            if (node.has("Index Name")) {
                names.add(node.get("Index Name").asText());
            }
        });
        return names;
    }

    private static void walk(JsonNode node, Consumer<JsonNode> visit) {
        visit.accept(node);
        node.path("Plans").forEach(child -> walk(child, visit));
    }
}
