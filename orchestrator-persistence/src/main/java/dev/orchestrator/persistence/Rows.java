package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.Codes.instant;
import static dev.orchestrator.persistence.Codes.mapNullable;

import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.escalation.Escalation;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.workflow.TriggerConditions;
import dev.orchestrator.core.domain.workflow.TemplateStep;
import dev.orchestrator.core.domain.workflow.TemplateSteps;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.persistence.jooq.tables.CustomerProperties;
import dev.orchestrator.persistence.jooq.tables.Customers;
import dev.orchestrator.persistence.jooq.tables.Profiles;
import dev.orchestrator.persistence.jooq.tables.WorkflowDefinitions;
import dev.orchestrator.persistence.jooq.tables.WorkflowExecutions;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;

/** Rows (of the given, possibly aliased, tables) to core values. */
final class Rows {

    private Rows() {
    }

    static Profile profile(Record r, Profiles p) {
        return new Profile(ProfileId.of(r.get(p.ID)), OrganizationId.of(r.get(p.ORGANIZATION_ID)), r.get(p.EMAIL),
                r.get(p.FULL_NAME), r.get(p.ROLE), mapNullable(r.get(p.MANAGER_ID), ProfileId::of),
                r.get(p.CAPACITY) == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(r.get(p.CAPACITY)));
    }

    static Customer customer(Record r, Customers c) {
        return new Customer(CustomerId.of(r.get(c.ID)), OrganizationId.of(r.get(c.ORGANIZATION_ID)), r.get(c.NAME),
                mapNullable(r.get(c.CSM_ID), ProfileId::of));
    }

    /**
     * The signals of a row that LEFT JOINed customer_properties (all null when there is no row) and
     * selected {@code hasStrongContact}. No properties and no strong contact is exactly
     * {@link CustomerSignals#NONE}.
     */
    static CustomerSignals signals(Record r, CustomerProperties p, Field<Boolean> hasStrongContact) {
        return new CustomerSignals(
                integer(r.get(p.REVENUE_IMPACT_TIER)),
                integer(r.get(p.CHURN_RISK_SCORE)),
                integer(r.get(p.USAGE_SCORE)),
                integer(r.get(p.HEALTH_SCORE)),
                r.get(p.UTILIZATION_PERCENT),
                r.get(p.YOY_GROWTH_PERCENT),
                r.get(p.MARKET_PRICE_PERCENTILE),
                r.get(p.ADOPTION_RATE_PERCENT),
                r.get(p.USAGE_CHANGE_PERCENT_LAST_MONTH),
                Boolean.TRUE.equals(r.get(hasStrongContact)));
    }

    static WorkflowDefinition definition(Record r, WorkflowDefinitions d) {
        return definition(r, d, steps(r, d));
    }

    /**
     * The definition of a row known to have been read without its steps (a queue entry's columns): no
     * look-up of the absent column, which scans every field of the row for it (~5 % of serve's CPU in
     * a queue request, ten rows of some 60 columns).
     */
    static WorkflowDefinition definitionWithoutSteps(Record r, WorkflowDefinitions d) {
        return definition(r, d, List.of());
    }

    private static WorkflowDefinition definition(Record r, WorkflowDefinitions d, List<TemplateStep> steps) {
        return new WorkflowDefinition(DefinitionId.of(r.get(d.ID)), OrganizationId.of(r.get(d.ORGANIZATION_ID)),
                r.get(d.NAME), r.get(d.WORKFLOW_TYPE), r.get(d.DESCRIPTION),
                new TriggerConditions(JsonbCodec.read(r.get(d.TRIGGER_CONDITIONS))), r.get(d.PRIORITY_WEIGHT),
                r.get(d.IS_ACTIVE), r.get(d.IS_DEMO), steps, List.of());
    }

    /**
     * The template steps, when the row was read with them (queue reads leave the column out: no
     * transition needs them). Stored steps passed {@link TemplateSteps#read} when written; they are read
     * without the score cap so that a later, lower cap does not make them unreadable.
     */
    static List<TemplateStep> steps(Record r, WorkflowDefinitions d) {
        if (r.field(d.STEPS) == null) {
            return List.of();
        }
        return TemplateSteps.read(JsonbCodec.readArray(r.get(d.STEPS)), "steps", Integer.MAX_VALUE).steps();
    }

    static WorkflowExecution execution(Record r, WorkflowExecutions e) {
        return new WorkflowExecution(
                ExecutionId.of(r.get(e.ID)),
                OrganizationId.of(r.get(e.ORGANIZATION_ID)),
                DefinitionId.of(r.get(e.WORKFLOW_DEFINITION_ID)),
                CustomerId.of(r.get(e.CUSTOMER_ID)),
                ProfileId.of(r.get(e.ASSIGNED_CSM_ID)),
                mapNullable(r.get(e.ESCALATION_USER_ID), ProfileId::of),
                r.get(e.STATUS),
                instant(r.get(e.SNOOZE_UNTIL)),
                r.get(e.SNOOZE_DAYS),
                instant(r.get(e.SNOOZED_AT)),
                r.get(e.PRIORITY_SCORE),
                instant(r.get(e.STARTED_AT)),
                instant(r.get(e.COMPLETED_AT)),
                instant(r.get(e.SKIPPED_AT)),
                r.get(e.SKIP_REASON),
                JsonbCodec.read(r.get(e.EXECUTION_DATA)),
                r.get(e.IS_DEMO),
                r.get(e.VERSION),
                instant(r.get(e.CREATED_AT)),
                instant(r.get(e.UPDATED_AT)),
                instant(r.get(e.DUE_AT)),
                r.get(e.REASON_CODE),
                escalation(r, e));
    }

    /** The escalation loop's columns (V28); null when the execution has no escalation state. */
    static Escalation escalation(Record r, WorkflowExecutions e) {
        if (r.get(e.ESCALATION_STATE) == null) {
            return null;
        }
        return new Escalation(r.get(e.ESCALATION_STATE), mapNullable(r.get(e.ESCALATED_BY), ProfileId::of),
                instant(r.get(e.ESCALATED_AT)), instant(r.get(e.ESCALATION_ACKNOWLEDGED_AT)),
                mapNullable(r.get(e.ESCALATION_ACKNOWLEDGED_BY), ProfileId::of),
                instant(r.get(e.ESCALATION_RESOLVED_AT)), mapNullable(r.get(e.ESCALATION_RESOLVED_BY), ProfileId::of),
                r.get(e.ESCALATION_NOTE));
    }

    private static Integer integer(Short value) {
        return value == null ? null : value.intValue();
    }
}
