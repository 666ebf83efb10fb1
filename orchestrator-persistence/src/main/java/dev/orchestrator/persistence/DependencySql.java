package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITION_DEPENDENCIES;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS;

import dev.orchestrator.core.domain.dependency.DependencyRule;
import dev.orchestrator.core.domain.dependency.WhileOpen;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.persistence.jooq.tables.WorkflowDefinitionDependencies;
import dev.orchestrator.persistence.jooq.tables.WorkflowExecutions;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * {@link DependencyRule} as SQL over many rows, built from the rule's own constants (which statuses
 * can be blocked, which block, which satisfy a window, where the window starts), so that the queue
 * and the release of dependents decide exactly as the core does; {@code PostgresDependencyBlocksContractTest} compares
 * the two on random data. Every status and action is an inline literal: the queue's SQL is rendered
 * once and binds only the tenant (twice) and the CSM.
 *
 * <p>Served by indexes: the dependencies by their primary key (organization, definition), an open
 * prerequisite by {@code workflow_executions_one_active_per_customer_definition}, a completion by
 * {@code workflow_executions_closed_by_customer_definition}.
 */
final class DependencySql {

    private static final WorkflowDefinitionDependencies DD = WORKFLOW_DEFINITION_DEPENDENCIES.as("dd");
    private static final WorkflowExecutions PE = WORKFLOW_EXECUTIONS.as("pe");
    private static final WorkflowExecutions PC = WORKFLOW_EXECUTIONS.as("pc");
    private static final WorkflowDefinitionDependencies DEPENDENT = WORKFLOW_DEFINITION_DEPENDENCIES.as("dependent");

    private DependencySql() {
    }

    /**
     * {@link DependencyRule#blocked}: the execution (its organization, customer, definition, status and
     * creation time, as columns of the outer query) is blocked by some dependency of its definition.
     */
    static Condition blocked(Field<UUID> organization, Field<UUID> customer, Field<UUID> definition,
            Field<ExecutionStatus> status, Field<OffsetDateTime> createdAt) {
        return status.in(Codes.inlineStatuses(status, DependencyRule.BLOCKABLE))
                .andExists(DSL.selectOne().from(DD)
                        .where(DD.ORGANIZATION_ID.eq(organization)).and(DD.DEFINITION_ID.eq(definition))
                        .and(blockedBy(organization, customer, createdAt)));
    }

    /**
     * {@link #blocked} for one organization's rows ({@code organizationId}, bound): the same condition, led
     * by "the definition is one of the organization's dependents". That test reads the organization's
     * dependencies once per statement (an InitPlan: its only outer reference is the bind), and each row
     * then compares its definition with that short array in memory; only a row of a dependent definition
     * goes on to the per-row probes. In an organization without dependencies, no row probes anything.
     * It is implied by {@link #blocked}'s own EXISTS (the rule: no dependency, never blocked), so the
     * result is the same; {@code PostgresDependencyBlocksContractTest} compares the queue with the rule.
     */
    static Condition blockedInOrganization(UUID organizationId, Field<UUID> organization, Field<UUID> customer,
            Field<UUID> definition, Field<ExecutionStatus> status, Field<OffsetDateTime> createdAt) {
        Field<UUID[]> dependents = DSL.array(DSL.select(DEPENDENT.DEFINITION_ID).from(DEPENDENT)
                .where(DEPENDENT.ORGANIZATION_ID.eq(organizationId)));
        return definition.eq(DSL.any(dependents))
                .and(blocked(organization, customer, definition, status, createdAt));
    }

    /**
     * {@link DependencyRule#waits}: a new execution of {@code definition} created at {@code now} would be
     * blocked by one of its dependencies that says {@link WhileOpen#WAIT}.
     */
    static Condition waits(Field<UUID> organization, Field<UUID> customer, Field<UUID> definition,
            Field<OffsetDateTime> now) {
        return DSL.exists(DSL.selectOne().from(DD)
                .where(DD.ORGANIZATION_ID.eq(organization)).and(DD.DEFINITION_ID.eq(definition))
                .and(DD.WHILE_OPEN.eq(DSL.inline(WhileOpen.WAIT, DD.WHILE_OPEN)))
                .and(blockedBy(organization, customer, now)));
    }

    /** The dependency {@code dd} blocks an execution of the customer created at {@code createdAt}. */
    private static Condition blockedBy(Field<UUID> organization, Field<UUID> customer, Field<OffsetDateTime> createdAt) {
        Condition open = DSL.exists(DSL.selectOne().from(PE)
                .where(PE.ORGANIZATION_ID.eq(organization)).and(PE.CUSTOMER_ID.eq(customer))
                .and(PE.WORKFLOW_DEFINITION_ID.eq(DD.PREREQUISITE_ID))
                .and(PE.STATUS.in(Codes.inlineStatuses(PE.STATUS, DependencyRule.BLOCKING))));
        Condition notRecentlyCompleted = DD.COMPLETED_WITHIN_DAYS.isNotNull()
                .andNotExists(DSL.selectOne().from(PC)
                        .where(PC.ORGANIZATION_ID.eq(organization)).and(PC.CUSTOMER_ID.eq(customer))
                        .and(PC.WORKFLOW_DEFINITION_ID.eq(DD.PREREQUISITE_ID))
                        .and(PC.STATUS.eq(DSL.inline(DependencyRule.SATISFYING, PC.STATUS)))
                        .and(PC.COMPLETED_AT.ge(windowStart(createdAt))));
        return open.or(notRecentlyCompleted);
    }

    /**
     * {@link DependencyRule#windowStart}: {@code createdAt} minus whole 24-hour days (as
     * {@code Duration.ofDays}; an interval of hours does not shift with a session's daylight saving).
     */
    private static Field<OffsetDateTime> windowStart(Field<OffsetDateTime> createdAt) {
        return DSL.field("({0} - {1} * interval '24 hours')", SQLDataType.TIMESTAMPWITHTIMEZONE, createdAt,
                DD.COMPLETED_WITHIN_DAYS);
    }
}
