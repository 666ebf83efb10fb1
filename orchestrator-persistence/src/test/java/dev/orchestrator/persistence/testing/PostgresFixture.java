package dev.orchestrator.persistence.testing;

import static dev.orchestrator.persistence.jooq.Tables.CONTACTS;
import static dev.orchestrator.persistence.jooq.Tables.CUSTOMERS;
import static dev.orchestrator.persistence.jooq.Tables.CUSTOMER_PROPERTIES;
import static dev.orchestrator.persistence.jooq.Tables.ORGANIZATIONS;
import static dev.orchestrator.persistence.jooq.Tables.PROFILES;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITIONS;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.core.application.OutboundPorts;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.customer.CustomerDates;
import dev.orchestrator.core.domain.customer.RelationshipStrength;
import dev.orchestrator.core.domain.escalation.Escalation;
import dev.orchestrator.core.domain.escalation.EscalationState;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.lifecycle.ExecutionEvent;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.workflow.TemplateSteps;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.persistence.PostgresStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The port contract tests' fixture for the PostgreSQL adapters, and a way for other modules' tests
 * to seed a real database: the {@code given*} methods insert rows directly, and
 * {@code storedExecution(s)} / {@code eventsOf} read them back with plain JDBC and their own mapping
 * (deliberately not the adapter's, so that a mapping mistake cannot cancel itself out).
 *
 * <p>The database must be migrated. Seeding is one statement per call, so hand it a pooled
 * DataSource ({@link TestPools#pool}) when you seed thousands of rows.
 *
 * <p>{@link #givenCustomer}: {@code signals} null means no customer_properties row; a customer
 * whose signals say {@code hasStrongContact} gets one strong contact (and sometimes a weak one too);
 * any other customer gets no contact, a weak one, a moderate one or one of unknown strength,
 * varied by its id.
 */
public class PostgresFixture implements PortsFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final DSLContext sql;
    private final OutboundPorts ports;

    public PostgresFixture(DataSource dataSource) {
        this.dataSource = dataSource;
        this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
        this.ports = PostgresStore.create(dataSource).ports();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** jOOQ on the fixture's database, for seeding what the {@code given*} methods do not cover. */
    public DSLContext sql() {
        return sql;
    }

    @Override
    public OutboundPorts ports() {
        return ports;
    }

    @Override
    public void givenOrganization(OrganizationId id, String name) {
        sql.insertInto(ORGANIZATIONS).set(ORGANIZATIONS.ID, id.value()).set(ORGANIZATIONS.NAME, name).execute();
    }

    @Override
    public void givenProfile(Profile profile) {
        sql.insertInto(PROFILES)
                .set(PROFILES.ID, profile.id().value())
                .set(PROFILES.ORGANIZATION_ID, profile.organizationId().value())
                .set(PROFILES.EMAIL, profile.email())
                .set(PROFILES.FULL_NAME, profile.fullName())
                .set(PROFILES.ROLE, profile.role())
                .set(PROFILES.MANAGER_ID, profile.managerId() == null ? null : profile.managerId().value())
                .set(PROFILES.CAPACITY, profile.capacity().isPresent() ? profile.capacity().getAsInt() : null)
                .execute();
    }

    @Override
    public void givenCustomer(Customer customer, CustomerSignals signals, CustomerDates dates) {
        givenCustomer(customer, signals);
        sql.update(CUSTOMERS).set(CUSTOMERS.RENEWAL_DATE, dates.renewalDate())
                .set(CUSTOMERS.ANNUAL_REVIEW_DATE, dates.annualReviewDate())
                .where(CUSTOMERS.ORGANIZATION_ID.eq(customer.organizationId().value()))
                .and(CUSTOMERS.ID.eq(customer.id().value()))
                .execute();
    }

    /** Replaces the customer's signals (null: none at all), as an import or a signal write would leave them. */
    public void changeSignals(Customer customer, CustomerSignals signals) {
        UUID id = customer.id().value();
        sql.transaction(tx -> {
            DSLContext t = tx.dsl();
            t.deleteFrom(CUSTOMER_PROPERTIES).where(CUSTOMER_PROPERTIES.CUSTOMER_ID.eq(id)).execute();
            if (signals != null) {
                insertProperties(t, customer.organizationId().value(), id, signals);
            }
        });
    }

    private static void insertProperties(DSLContext t, UUID org, UUID id, CustomerSignals signals) {
        t.insertInto(CUSTOMER_PROPERTIES)
                .set(CUSTOMER_PROPERTIES.CUSTOMER_ID, id)
                .set(CUSTOMER_PROPERTIES.ORGANIZATION_ID, org)
                .set(CUSTOMER_PROPERTIES.REVENUE_IMPACT_TIER, small(signals.revenueImpactTier()))
                .set(CUSTOMER_PROPERTIES.CHURN_RISK_SCORE, small(signals.churnRiskScore()))
                .set(CUSTOMER_PROPERTIES.USAGE_SCORE, small(signals.usageScore()))
                .set(CUSTOMER_PROPERTIES.HEALTH_SCORE, small(signals.healthScore()))
                .set(CUSTOMER_PROPERTIES.UTILIZATION_PERCENT, signals.utilizationPercent())
                .set(CUSTOMER_PROPERTIES.YOY_GROWTH_PERCENT, signals.yoyGrowthPercent())
                .set(CUSTOMER_PROPERTIES.MARKET_PRICE_PERCENTILE, signals.marketPricePercentile())
                .set(CUSTOMER_PROPERTIES.ADOPTION_RATE_PERCENT, signals.adoptionRatePercent())
                .set(CUSTOMER_PROPERTIES.USAGE_CHANGE_PERCENT_LAST_MONTH, signals.usageChangePercentLastMonth())
                .execute();
    }

    @Override
    public void givenCustomer(Customer customer, CustomerSignals signals) {
        UUID org = customer.organizationId().value();
        UUID id = customer.id().value();
        sql.transaction(tx -> {
            DSLContext t = tx.dsl();
            t.insertInto(CUSTOMERS)
                    .set(CUSTOMERS.ID, id)
                    .set(CUSTOMERS.ORGANIZATION_ID, org)
                    .set(CUSTOMERS.NAME, customer.name())
                    .set(CUSTOMERS.CSM_ID, customer.csmId() == null ? null : customer.csmId().value())
                    .execute();
            if (signals != null) {
                insertProperties(t, org, id, signals);
            }
            int variant = Math.floorMod(id.hashCode(), 4);
            if (signals != null && signals.hasStrongContact()) {
                contact(t, org, id, RelationshipStrength.STRONG);
                if (variant == 0) {
                    contact(t, org, id, RelationshipStrength.WEAK);
                }
            } else if (variant == 1) {
                contact(t, org, id, RelationshipStrength.WEAK);
            } else if (variant == 2) {
                contact(t, org, id, RelationshipStrength.MODERATE);
            } else if (variant == 3) {
                contact(t, org, id, null);
            }
        });
    }

    private static void contact(DSLContext t, UUID org, UUID customer, RelationshipStrength strength) {
        t.insertInto(CONTACTS)
                .set(CONTACTS.ID, UUID.randomUUID())
                .set(CONTACTS.ORGANIZATION_ID, org)
                .set(CONTACTS.CUSTOMER_ID, customer)
                .set(CONTACTS.NAME, "Contact")
                .set(CONTACTS.RELATIONSHIP_STRENGTH, strength)
                .execute();
    }

    @Override
    public void givenDefinition(WorkflowDefinition definition) {
        sql.insertInto(WORKFLOW_DEFINITIONS)
                .set(WORKFLOW_DEFINITIONS.ID, definition.id().value())
                .set(WORKFLOW_DEFINITIONS.ORGANIZATION_ID, definition.organizationId().value())
                .set(WORKFLOW_DEFINITIONS.NAME, definition.name())
                .set(WORKFLOW_DEFINITIONS.WORKFLOW_TYPE, definition.type())
                .set(WORKFLOW_DEFINITIONS.DESCRIPTION, definition.description())
                .set(WORKFLOW_DEFINITIONS.TRIGGER_CONDITIONS, jsonb(definition.triggerConditions().json()))
                .set(WORKFLOW_DEFINITIONS.PRIORITY_WEIGHT, definition.priorityWeight())
                .set(WORKFLOW_DEFINITIONS.IS_ACTIVE, definition.active())
                .set(WORKFLOW_DEFINITIONS.IS_DEMO, definition.demo())
                .set(WORKFLOW_DEFINITIONS.STEPS, jsonbArray(TemplateSteps.toJson(definition.steps())))
                // Given again: the definition as it is now (a test that changes one).
                .onConflict(WORKFLOW_DEFINITIONS.ID).doUpdate()
                .set(WORKFLOW_DEFINITIONS.NAME, definition.name())
                .set(WORKFLOW_DEFINITIONS.WORKFLOW_TYPE, definition.type())
                .set(WORKFLOW_DEFINITIONS.TRIGGER_CONDITIONS, jsonb(definition.triggerConditions().json()))
                .set(WORKFLOW_DEFINITIONS.PRIORITY_WEIGHT, definition.priorityWeight())
                .set(WORKFLOW_DEFINITIONS.IS_ACTIVE, definition.active())
                .set(WORKFLOW_DEFINITIONS.STEPS, jsonbArray(TemplateSteps.toJson(definition.steps())))
                .execute();
        var d = dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITION_DEPENDENCIES;
        for (int i = 0; i < definition.dependsOn().size(); i++) {
            var dependency = definition.dependsOn().get(i);
            sql.insertInto(d)
                    .set(d.ORGANIZATION_ID, definition.organizationId().value())
                    .set(d.DEFINITION_ID, definition.id().value())
                    .set(d.PREREQUISITE_ID, dependency.prerequisite().value())
                    .set(d.POSITION, i)
                    .set(d.COMPLETED_WITHIN_DAYS, dependency.completedWithinDays())
                    .set(d.WHILE_OPEN, dependency.whileOpen())
                    .execute();
        }
        // The stored markers as a definition write leaves them (V41).
        dev.orchestrator.persistence.GivenBlockedMarkers.ofDefinition(sql, definition.organizationId().value(),
                definition.id().value());
    }

    @Override
    public void givenExecution(WorkflowExecution e) {
        sql.insertInto(WORKFLOW_EXECUTIONS)
                .set(WORKFLOW_EXECUTIONS.ID, e.id().value())
                .set(WORKFLOW_EXECUTIONS.ORGANIZATION_ID, e.organizationId().value())
                .set(WORKFLOW_EXECUTIONS.WORKFLOW_DEFINITION_ID, e.definitionId().value())
                .set(WORKFLOW_EXECUTIONS.CUSTOMER_ID, e.customerId().value())
                .set(WORKFLOW_EXECUTIONS.ASSIGNED_CSM_ID, e.assignedCsmId().value())
                .set(WORKFLOW_EXECUTIONS.ESCALATION_USER_ID, e.escalationUserId() == null ? null : e.escalationUserId().value())
                .set(WORKFLOW_EXECUTIONS.STATUS, e.status())
                .set(WORKFLOW_EXECUTIONS.SNOOZE_UNTIL, time(e.snoozeUntil()))
                .set(WORKFLOW_EXECUTIONS.SNOOZE_DAYS, e.snoozeDays())
                .set(WORKFLOW_EXECUTIONS.SNOOZED_AT, time(e.snoozedAt()))
                .set(WORKFLOW_EXECUTIONS.PRIORITY_SCORE, e.priorityScore())
                .set(WORKFLOW_EXECUTIONS.STARTED_AT, time(e.startedAt()))
                .set(WORKFLOW_EXECUTIONS.COMPLETED_AT, time(e.completedAt()))
                .set(WORKFLOW_EXECUTIONS.SKIPPED_AT, time(e.skippedAt()))
                .set(WORKFLOW_EXECUTIONS.SKIP_REASON, e.skipReason())
                .set(WORKFLOW_EXECUTIONS.EXECUTION_DATA, jsonb(e.executionData()))
                .set(WORKFLOW_EXECUTIONS.IS_DEMO, e.demo())
                .set(WORKFLOW_EXECUTIONS.VERSION, e.version())
                .set(WORKFLOW_EXECUTIONS.CREATED_AT, time(e.createdAt()))
                .set(WORKFLOW_EXECUTIONS.UPDATED_AT, time(e.updatedAt()))
                .set(WORKFLOW_EXECUTIONS.DUE_AT, time(e.dueAt()))
                .execute();
        // The stored markers as the product's writes leave them (V41): this row's and its customer's.
        dev.orchestrator.persistence.GivenBlockedMarkers.ofCustomer(sql, e.organizationId().value(),
                e.customerId().value());
    }

    @Override
    public void givenDueAt(OrganizationId organizationId, ExecutionId id, Instant dueAt) {
        int updated = sql.update(WORKFLOW_EXECUTIONS).set(WORKFLOW_EXECUTIONS.DUE_AT, time(dueAt))
                .where(WORKFLOW_EXECUTIONS.ORGANIZATION_ID.eq(organizationId.value()))
                .and(WORKFLOW_EXECUTIONS.ID.eq(id.value()))
                .execute();
        if (updated != 1) {
            throw new IllegalArgumentException("no execution " + id);
        }
    }

    // ---- reading back, with plain JDBC -----------------------------------------------------------

    @Override
    public Optional<WorkflowExecution> storedExecution(OrganizationId organizationId, ExecutionId id) {
        List<WorkflowExecution> found = executions(
                "SELECT * FROM workflow_executions WHERE organization_id = ? AND id = ?",
                organizationId.value(), id.value());
        return found.stream().findFirst();
    }

    @Override
    public List<WorkflowExecution> storedExecutions(OrganizationId organizationId) {
        return executions("SELECT * FROM workflow_executions WHERE organization_id = ? ORDER BY created_at, id",
                organizationId.value());
    }

    @Override
    public List<ExecutionEvent> eventsOf(OrganizationId organizationId, ExecutionId id) {
        List<ExecutionEvent> events = new ArrayList<>();
        query("SELECT * FROM workflow_execution_events WHERE organization_id = ? AND execution_id = ? ORDER BY id",
                rows -> events.add(new ExecutionEvent(
                        ExecutionId.of(rows.getObject("execution_id", UUID.class)),
                        OrganizationId.of(rows.getObject("organization_id", UUID.class)),
                        profileId(rows.getObject("actor_profile_id", UUID.class)),
                        Action.fromWireName(rows.getString("action")).orElseThrow(),
                        status(rows.getString("from_status")),
                        status(rows.getString("to_status")),
                        (Integer) rows.getObject("days"),
                        rows.getString("reason"),
                        profileId(rows.getObject("escalation_user_id", UUID.class)),
                        instant(rows, "occurred_at"),
                        profileId(rows.getObject("from_csm_id", UUID.class)),
                        profileId(rows.getObject("to_csm_id", UUID.class)),
                        rows.getString("reason_code"),
                        rows.getString("note"))),
                organizationId.value(), id.value());
        return events;
    }

    private List<WorkflowExecution> executions(String query, Object... parameters) {
        List<WorkflowExecution> executions = new ArrayList<>();
        query(query, rows -> executions.add(new WorkflowExecution(
                ExecutionId.of(rows.getObject("id", UUID.class)),
                OrganizationId.of(rows.getObject("organization_id", UUID.class)),
                DefinitionId.of(rows.getObject("workflow_definition_id", UUID.class)),
                CustomerId.of(rows.getObject("customer_id", UUID.class)),
                ProfileId.of(rows.getObject("assigned_csm_id", UUID.class)),
                profileId(rows.getObject("escalation_user_id", UUID.class)),
                status(rows.getString("status")),
                instant(rows, "snooze_until"),
                (Integer) rows.getObject("snooze_days"),
                instant(rows, "snoozed_at"),
                rows.getInt("priority_score"),
                instant(rows, "started_at"),
                instant(rows, "completed_at"),
                instant(rows, "skipped_at"),
                rows.getString("skip_reason"),
                json(rows.getString("execution_data")),
                rows.getBoolean("is_demo"),
                rows.getLong("version"),
                instant(rows, "created_at"),
                instant(rows, "updated_at"),
                instant(rows, "due_at"),
                rows.getString("reason_code"),
                escalation(rows))), parameters);
        return executions;
    }

    private interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    private void query(String query, RowReader reader, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp timestamp = rows.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Escalation escalation(ResultSet rows) throws SQLException {
        String state = rows.getString("escalation_state");
        if (state == null) {
            return null;
        }
        return new Escalation(EscalationState.fromWireName(state).orElseThrow(),
                profileId(rows.getObject("escalated_by", UUID.class)), instant(rows, "escalated_at"),
                instant(rows, "escalation_acknowledged_at"),
                profileId(rows.getObject("escalation_acknowledged_by", UUID.class)),
                instant(rows, "escalation_resolved_at"), profileId(rows.getObject("escalation_resolved_by", UUID.class)),
                rows.getString("escalation_note"));
    }

    private static ExecutionStatus status(String value) {
        return value == null ? null : ExecutionStatus.fromWireName(value).orElseThrow();
    }

    private static ProfileId profileId(UUID id) {
        return id == null ? null : ProfileId.of(id);
    }

    private static JsonObject json(String text) {
        try {
            return new JsonObject(JSON.readValue(text, new TypeReference<Map<String, Object>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JSONB jsonbArray(java.util.List<Object> array) {
        try {
            return JSONB.valueOf(JSON.writeValueAsString(array));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JSONB jsonb(JsonObject object) {
        try {
            return JSONB.valueOf(JSON.writeValueAsString(object.values()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Short small(Integer value) {
        return value == null ? null : value.shortValue();
    }
}
