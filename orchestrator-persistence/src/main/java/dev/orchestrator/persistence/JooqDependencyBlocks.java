package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITIONS;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITION_DEPENDENCIES;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTION_EVENTS;

import dev.orchestrator.core.application.port.out.DependencyBlocks;
import dev.orchestrator.core.domain.dependency.Dependency;
import dev.orchestrator.core.domain.dependency.DependencyRule;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.persistence.jooq.tables.WorkflowDefinitionDependencies;
import dev.orchestrator.persistence.jooq.tables.WorkflowDefinitions;
import dev.orchestrator.persistence.jooq.tables.WorkflowExecutions;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** {@link DependencyBlocks} on PostgreSQL: two indexed reads, and the release as one INSERT … SELECT. */
final class JooqDependencyBlocks implements DependencyBlocks {

    private static final WorkflowDefinitionDependencies DEP = WORKFLOW_DEFINITION_DEPENDENCIES;
    private static final WorkflowDefinitions PRE = WORKFLOW_DEFINITIONS.as("pre");
    private static final WorkflowExecutions CLOSED = WORKFLOW_EXECUTIONS.as("closed");
    private static final WorkflowExecutions E = WORKFLOW_EXECUTIONS.as("e");

    private final DSLContext sql;
    private final RenderedOnce statements;

    JooqDependencyBlocks(DSLContext sql) {
        this.sql = sql;
        this.statements = new RenderedOnce(sql);
    }

    @Override
    public List<Named> dependenciesOf(OrganizationId organization, DefinitionId definition) {
        // Read by every start: its SQL rendered once.
        RenderedOnce.Binds binds = new RenderedOnce.Binds("dependencies");
        return statements.fetch(binds, sql.select(DEP.PREREQUISITE_ID, DEP.COMPLETED_WITHIN_DAYS, DEP.WHILE_OPEN, PRE.NAME)
                .from(DEP)
                .join(PRE).on(PRE.ORGANIZATION_ID.eq(DEP.ORGANIZATION_ID)).and(PRE.ID.eq(DEP.PREREQUISITE_ID))
                .where(DEP.ORGANIZATION_ID.eq(binds.val(organization.value(), DEP.ORGANIZATION_ID)))
                .and(DEP.DEFINITION_ID.eq(binds.val(definition.value(), DEP.DEFINITION_ID)))
                .orderBy(DEP.POSITION), DEP.PREREQUISITE_ID, DEP.COMPLETED_WITHIN_DAYS, DEP.WHILE_OPEN, PRE.NAME)
                .into(DEP.PREREQUISITE_ID, DEP.COMPLETED_WITHIN_DAYS, DEP.WHILE_OPEN, PRE.NAME)
                .map(r -> new Named(new Dependency(DefinitionId.of(r.value1()), r.value2(), r.value3()), r.value4()));
    }

    @Override
    public List<DependencyRule.Run> runs(OrganizationId organization, CustomerId customer,
            Collection<DefinitionId> definitions) {
        if (definitions.isEmpty()) {
            return List.of();
        }
        var x = WORKFLOW_EXECUTIONS;
        return sql.select(x.ID, x.WORKFLOW_DEFINITION_ID, x.STATUS, x.COMPLETED_AT)
                .from(x)
                .where(x.ORGANIZATION_ID.eq(organization.value())).and(x.CUSTOMER_ID.eq(customer.value()))
                .and(x.WORKFLOW_DEFINITION_ID.in(definitions.stream().map(DefinitionId::value).toList()))
                .fetch(r -> new DependencyRule.Run(ExecutionId.of(r.value1()), DefinitionId.of(r.value2()), r.value3(),
                        Codes.instant(r.value4())));
    }

    /**
     * One statement, in the transaction {@code t} that closed {@code closed} ({@link JooqExecutionWriter}):
     * the dependents of its customer whose definition depends on its definition, in a blockable status
     * and no longer blocked, each with an {@code unblocked} event at {@code now}.
     */
    static void releaseDependentsOf(DSLContext t, OrganizationId organization, ExecutionId closed, Instant now) {
        releaseWhere(t, CLOSED.ORGANIZATION_ID.eq(organization.value()).and(CLOSED.ID.eq(closed.value())), now);
    }

    @Override
    public long releaseClosedAt(Optional<OrganizationId> organization, Instant closedAt) {
        OffsetDateTime at = Codes.timestamp(closedAt);
        return releaseWhere(sql, organization.map(o -> CLOSED.ORGANIZATION_ID.eq(o.value())).orElse(DSL.noCondition())
                .and(CLOSED.COMPLETED_AT.eq(at).or(CLOSED.SKIPPED_AT.eq(at))), closedAt).size();
    }

    /** The release for the closed executions {@code closed} selects: one event per dependent (DISTINCT). */
    private static List<UUID> releaseWhere(DSLContext sql, Condition closed, Instant now) {
        var ev = WORKFLOW_EXECUTION_EVENTS;
        var dependents = DSL.selectDistinct(E.ORGANIZATION_ID, E.ID, E.STATUS)
                .from(CLOSED)
                .join(DEP).on(DEP.ORGANIZATION_ID.eq(CLOSED.ORGANIZATION_ID))
                .and(DEP.PREREQUISITE_ID.eq(CLOSED.WORKFLOW_DEFINITION_ID))
                .join(E).on(E.ORGANIZATION_ID.eq(CLOSED.ORGANIZATION_ID)).and(E.CUSTOMER_ID.eq(CLOSED.CUSTOMER_ID))
                .and(E.WORKFLOW_DEFINITION_ID.eq(DEP.DEFINITION_ID))
                .where(closed)
                .and(CLOSED.STATUS.notIn(Codes.inlineStatuses(CLOSED.STATUS, DependencyRule.BLOCKING)))
                .and(E.STATUS.in(Codes.inlineStatuses(E.STATUS, DependencyRule.BLOCKABLE)))
                .andNot(DependencySql.blocked(E.ORGANIZATION_ID, E.CUSTOMER_ID, E.WORKFLOW_DEFINITION_ID, E.STATUS,
                        E.CREATED_AT))
                .asTable("released");
        var released = DSL.select(dependents.field(E.ORGANIZATION_ID), dependents.field(E.ID),
                        DSL.inline(Action.UNBLOCKED, ev.ACTION), dependents.field(E.STATUS), dependents.field(E.STATUS),
                        DSL.val(Codes.timestamp(now), ev.OCCURRED_AT))
                .from(dependents)
                .orderBy(dependents.field(E.ID));
        return sql.insertInto(ev, ev.ORGANIZATION_ID, ev.EXECUTION_ID, ev.ACTION, ev.FROM_STATUS, ev.TO_STATUS,
                        ev.OCCURRED_AT)
                .select(released)
                .returningResult(ev.EXECUTION_ID)
                .fetch(r -> r.value1());
    }
}
