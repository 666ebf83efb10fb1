package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.QueryPlans.indexesOn;
import static dev.orchestrator.persistence.QueryPlans.nodeTypes;
import static dev.orchestrator.persistence.QueryPlans.scansOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EXPLAINs the daily job's lifecycle statements and interpretation's cooldown test as the adapters build
 * them, on ~13,000 executions of which few are candidates: auto-close must find its rows through
 * workflow_executions_auto_close_candidates, early wake through workflow_executions_snoozed_until, and
 * cooldown must never scan all of workflow_executions per (customer, definition).
 */
@WithPostgres
class LifecyclePlanTest {

    private static final Instant NOW = Instant.parse("2026-03-10T00:05:00Z");

    private final TestDatabase db;
    private final DSLContext sql;
    private final SqlSignalLifecycle lifecycle;

    LifecyclePlanTest(TestDatabase db) {
        this.db = db;
        this.sql = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
        this.lifecycle = new SqlSignalLifecycle(sql);
    }

    /** 2 organizations × 8 CSMs × 40 customers × 5 definitions; 1 in 10 open rows snoozed, 1 in 20 from signals. */
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
                    INSERT INTO customer_properties (customer_id, organization_id, revenue_impact_tier, churn_risk_score, usage_score)
                        SELECT id, organization_id, 3, 5, 50 FROM customers WHERE abs(hashtext(id::text)) % 3 <> 0;
                    INSERT INTO contacts (organization_id, customer_id, name, relationship_strength)
                        SELECT organization_id, id, 'contact', CASE WHEN random() < 0.5 THEN 'strong' ELSE 'weak' END
                        FROM customers;
                    INSERT INTO workflow_definitions (organization_id, name, workflow_type, priority_weight, trigger_conditions)
                        SELECT org.id, t, t, w, '{"risk_score_min": 5, "auto_close": {"margin": 1, "after_runs": 2},
                                                  "wake_on_risk_increase": 2, "cooldown_days": 30}'
                        FROM organizations org,
                             (VALUES ('risk', 900), ('opportunity', 800), ('strategic', 700), ('renewal', 600),
                                     ('custom', 500)) d(t, w);
                    INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                                                     status, snooze_until, snooze_risk_score, created_by_signals)
                        SELECT c.organization_id, d.id, c.id, c.csm_id,
                               CASE WHEN n % 10 = 0 THEN 'snoozed' WHEN n % 2 = 0 THEN 'underway' ELSE 'not_started' END,
                               now() + interval '2 days', 3, n % 20 = 1
                        FROM (SELECT c.*, row_number() OVER () AS n FROM customers c) c
                        JOIN workflow_definitions d ON d.organization_id = c.organization_id;
                    INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                                                     status, skip_reason, skipped_at, completed_at)
                        SELECT organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                               CASE WHEN random() < 0.5 THEN 'completed' ELSE 'skipped' END, 'not relevant', now(), now()
                        FROM workflow_executions;
                    ANALYZE;
                    """);
        }
    }

    @Test
    void autoCloseReadsOnlyItsCandidatesThroughTheirIndex() throws Exception {
        JsonNode plan = explain(sql.renderInlined(lifecycle.autoCloseStatement(Optional.empty(), SignalPolicy.STANDARD,
                LocalDate.of(2026, 3, 10), NOW)));

        assertThat(indexesOn(plan, "workflow_executions")).as("plan: %s", plan).contains("workflow_executions_auto_close_candidates");
        assertThat(scansOf(plan, "Seq Scan")).as("plan: %s", plan).doesNotContain("workflow_executions");
    }

    @Test
    void earlyWakeReadsOnlySnoozedRowsThroughTheirIndex() throws Exception {
        JsonNode plan = explain(sql.renderInlined(lifecycle.wakeStatement(Optional.empty(), SignalPolicy.STANDARD, NOW)));

        assertThat(indexesOn(plan, "workflow_executions")).as("plan: %s", plan).contains("workflow_executions_snoozed_until");
        assertThat(scansOf(plan, "Seq Scan")).as("plan: %s", plan).doesNotContain("workflow_executions");
    }

    @Test
    void cooldownLooksUpClosedExecutionsThroughTheirIndexWhenInterpretingFewCustomers() throws Exception {
        java.util.UUID organization = null;
        java.util.Set<dev.orchestrator.core.domain.ids.CustomerId> customers = new java.util.HashSet<>();
        try (Connection connection = db.connection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT organization_id, id FROM customers"
                        + " WHERE organization_id = (SELECT organization_id FROM customers LIMIT 1) LIMIT 3")) {
            while (rows.next()) {
                organization = rows.getObject(1, java.util.UUID.class);
                customers.add(dev.orchestrator.core.domain.ids.CustomerId.of(rows.getObject(2, java.util.UUID.class)));
            }
        }
        var scope = dev.orchestrator.core.domain.scope.WorkScope.customers(
                dev.orchestrator.core.domain.ids.OrganizationId.of(organization), customers);
        JsonNode plan = explain(sql.renderInlined(SqlSignalInterpretation.statement(sql, scope, SignalPolicy.STANDARD,
                PriorityPolicy.STANDARD, java.time.LocalDate.ofInstant(NOW, java.time.ZoneOffset.UTC), NOW)));

        assertThat(indexesOn(plan, "workflow_executions")).as("plan: %s", plan).contains("workflow_executions_closed_by_customer_definition");
        assertThat(scansOf(plan, "Seq Scan")).as("plan: %s", plan).doesNotContain("workflow_executions");
    }

    private JsonNode explain(String query) throws Exception {
        try (Connection connection = db.connection()) {
            return QueryPlans.explain(connection, query);
        }
    }

}
