package dev.orchestrator.persistence.load;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.priority.PriorityEvaluator;
import dev.orchestrator.core.domain.priority.PriorityInput;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The demo data set of the prototype, with fixed ids so that every run (and every machine) has the
 * same ids: one organization with an admin, a manager and a CSM; the customer Obsidian Black with
 * its signals and two contacts; the three demo workflow definitions; and the CSM's three demo
 * executions for Obsidian Black (so the demo queue is not empty). Idempotent: rows that exist are
 * left as they are (demo progress survives a second run).
 */
public final class DemoSeed {

    public static final UUID ORGANIZATION = UUID.fromString("d0000000-0000-0000-0000-000000000001");
    public static final UUID ADMIN = UUID.fromString("d0000000-0000-0000-0001-000000000001");
    public static final UUID MANAGER = UUID.fromString("d0000000-0000-0000-0001-000000000002");
    public static final UUID CSM = UUID.fromString("d0000000-0000-0000-0001-000000000003");
    public static final UUID CUSTOMER = UUID.fromString("550e8400-e29b-41d4-a716-446655440001");
    public static final List<UUID> CONTACTS = List.of(
            UUID.fromString("d0000000-0000-0000-0002-000000000001"),
            UUID.fromString("d0000000-0000-0000-0002-000000000002"));
    public static final List<UUID> DEFINITIONS = List.of(
            UUID.fromString("00000000-0000-0000-0000-000000000001"),
            UUID.fromString("00000000-0000-0000-0000-000000000002"),
            UUID.fromString("00000000-0000-0000-0000-000000000003"));
    public static final List<UUID> EXECUTIONS = List.of(
            UUID.fromString("d0000000-0000-0000-0003-000000000001"),
            UUID.fromString("d0000000-0000-0000-0003-000000000002"),
            UUID.fromString("d0000000-0000-0000-0003-000000000003"));

    /** One demo definition as the prototype seeded it. */
    public record DemoDefinition(UUID id, int order, WorkflowType type, int weight, String name, String workflowId) {
        String triggerConditions() {
            return "{\"workflow_id\": \"" + workflowId + "\", \"trigger_type\": \"demo_sequence\", \"order\": " + order + "}";
        }
    }

    public static final List<DemoDefinition> DEMO_DEFINITIONS = List.of(
            new DemoDefinition(DEFINITIONS.get(0), 1, WorkflowType.STRATEGIC, 700, "Complete Strategic Account Plan",
                    "obsblk-strategic-planning"),
            new DemoDefinition(DEFINITIONS.get(1), 2, WorkflowType.OPPORTUNITY, 800, "Expansion Opportunity",
                    "obsblk-expansion-opportunity"),
            new DemoDefinition(DEFINITIONS.get(2), 3, WorkflowType.RISK, 900, "Executive Engagement",
                    "obsblk-executive-engagement"));

    // Obsidian Black's signals: a large, growing account with some churn risk.
    private static final int TIER = 5;
    private static final int CHURN = 6;
    private static final int USAGE = 82;

    /** How many rows of each kind this run created (all 0 on a second run). */
    public record Result(int organizations, int profiles, int customers, int contacts, int definitions,
            int executions) {
        public boolean createdAnything() {
            return organizations + profiles + customers + contacts + definitions + executions > 0;
        }
    }

    private DemoSeed() {}

    /**
     * Creates what is missing, in one transaction; the demo executions are scored under {@code policy}
     * (the orchestrator's) on {@code today} (UTC).
     */
    public static Result seed(DataSource dataSource, LocalDate today, PriorityPolicy policy) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Result result = seed(c, today, policy);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static Result seed(Connection c, LocalDate today, PriorityPolicy policy) throws SQLException {
        int orgs = update(c, "INSERT INTO organizations (id, name) VALUES (?, 'Demo Organization') ON CONFLICT DO NOTHING",
                ORGANIZATION);
        int profiles = 0;
        String profile = "INSERT INTO profiles (id, organization_id, email, full_name, role, manager_id) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
        profiles += update(c, profile, ADMIN, ORGANIZATION, "admin@demo.example", "Avery Admin", "admin", null);
        profiles += update(c, profile, MANAGER, ORGANIZATION, "manager@demo.example", "Morgan Manager", "manager", null);
        profiles += update(c, profile, CSM, ORGANIZATION, "csm@demo.example", "Casey CSM", "csm", MANAGER);
        int customers = update(c, "INSERT INTO customers (id, organization_id, name, csm_id, arr, renewal_date) "
                + "VALUES (?, ?, 'Obsidian Black', ?, ?, ?) ON CONFLICT DO NOTHING",
                CUSTOMER, ORGANIZATION, CSM, new BigDecimal("1250000.00"), LocalDate.of(2027, 3, 31));
        update(c, "INSERT INTO customer_properties (customer_id, organization_id, revenue_impact_tier, churn_risk_score, "
                + "usage_score, health_score, utilization_percent, yoy_growth_percent, market_price_percentile, "
                + "adoption_rate_percent, usage_change_percent_last_month) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING",
                CUSTOMER, ORGANIZATION, TIER, CHURN, USAGE, 58, new BigDecimal("104.00"), new BigDecimal("62.00"),
                new BigDecimal("22.00"), new BigDecimal("85.00"), new BigDecimal("-12.00"));
        String contact = "INSERT INTO contacts (id, organization_id, customer_id, name, email, title, "
                + "relationship_strength, is_decision_maker) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
        int contacts = update(c, contact, CONTACTS.get(0), ORGANIZATION, CUSTOMER, "Marcus Castellan",
                "marcus.castellan@obsidianblack.example", "Chief Executive Officer", "moderate", true);
        contacts += update(c, contact, CONTACTS.get(1), ORGANIZATION, CUSTOMER, "Elena Voss",
                "elena.voss@obsidianblack.example", "VP of Operations", "weak", false);
        int definitions = 0;
        int executions = 0;
        PriorityEvaluator evaluator = new PriorityEvaluator(policy);
        for (int i = 0; i < DEMO_DEFINITIONS.size(); i++) {
            DemoDefinition d = DEMO_DEFINITIONS.get(i);
            definitions += update(c, "INSERT INTO workflow_definitions (id, organization_id, name, workflow_type, "
                    + "description, trigger_conditions, priority_weight, is_active, is_demo) "
                    + "VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, true, true) ON CONFLICT DO NOTHING",
                    d.id(), ORGANIZATION, d.name(), d.type().wireName(),
                    "Demo sequence step " + d.order() + " for Obsidian Black", d.triggerConditions(), d.weight());
            int score = evaluator.evaluate(new PriorityInput(ExecutionStatus.NOT_STARTED, null, d.type(), d.weight(),
                    TIER, CHURN, USAGE), today).value();
            int created = update(c, "INSERT INTO workflow_executions (id, organization_id, workflow_definition_id, "
                    + "customer_id, assigned_csm_id, status, priority_score, is_demo) "
                    + "VALUES (?, ?, ?, ?, ?, 'not_started', ?, true) ON CONFLICT DO NOTHING",
                    EXECUTIONS.get(i), ORGANIZATION, d.id(), CUSTOMER, CSM, score);
            if (created > 0) {
                update(c, "INSERT INTO workflow_execution_events (organization_id, execution_id, action, to_status) "
                        + "VALUES (?, ?, 'create', 'not_started')", ORGANIZATION, EXECUTIONS.get(i));
            }
            executions += created;
        }
        // The demo organization's stored blocked markers (V41), should an admin have given its definitions
        // dependencies: the rows above were written with plain SQL.
        dev.orchestrator.persistence.PostgresStore.refreshBlockedMarkers(c, List.of(ORGANIZATION));
        return new Result(orgs, profiles, customers, contacts, definitions, executions);
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }
}
