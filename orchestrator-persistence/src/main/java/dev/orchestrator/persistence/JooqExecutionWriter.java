package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.Codes.timestamp;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTION_EVENTS;

import dev.orchestrator.core.application.port.out.ExecutionWriter;
import dev.orchestrator.core.domain.escalation.Escalation;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.lifecycle.ExecutionEvent;
import dev.orchestrator.core.domain.lifecycle.Lifecycle;
import dev.orchestrator.persistence.jooq.tables.WorkflowExecutions;
import dev.orchestrator.persistence.jooq.tables.records.WorkflowExecutionsRecord;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Name;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.Record2;
import org.jooq.UpdateResultStep;
import org.jooq.impl.DSL;

/**
 * Guarded writes. A transition is one {@code UPDATE ... SET ..., version = version + 1 WHERE
 * organization_id = ? AND id = ? AND version = ? AND status = ?} with its event INSERT in the same
 * statement ({@link #guardedWrite}), in one transaction; when the UPDATE matches no row, no event is
 * written and the current status (or its absence) is read and reported as a conflict. Two racing
 * writers: PostgreSQL makes the second wait for the first's row lock, re-checks its WHERE on the new
 * row version, finds the version moved on and updates nothing.
 */
final class JooqExecutionWriter implements ExecutionWriter {

    private static final WorkflowExecutions W = WORKFLOW_EXECUTIONS;

    private static final List<Field<?>> INSERT_COLUMNS = List.of(W.ID, W.ORGANIZATION_ID, W.WORKFLOW_DEFINITION_ID,
            W.CUSTOMER_ID, W.ASSIGNED_CSM_ID, W.ESCALATION_USER_ID, W.STATUS, W.SNOOZE_UNTIL, W.SNOOZE_DAYS,
            W.SNOOZED_AT, W.PRIORITY_SCORE, W.STARTED_AT, W.COMPLETED_AT, W.SKIPPED_AT, W.SKIP_REASON,
            W.EXECUTION_DATA, W.IS_DEMO, W.VERSION, W.CREATED_AT, W.UPDATED_AT, W.DUE_AT, W.REASON_CODE,
            W.ESCALATION_STATE, W.ESCALATED_BY, W.ESCALATED_AT, W.ESCALATION_ACKNOWLEDGED_BY,
            W.ESCALATION_ACKNOWLEDGED_AT, W.ESCALATION_RESOLVED_BY, W.ESCALATION_RESOLVED_AT, W.ESCALATION_NOTE);

    private static final List<Field<?>> EVENT_COLUMNS = List.of(WORKFLOW_EXECUTION_EVENTS.ORGANIZATION_ID,
            WORKFLOW_EXECUTION_EVENTS.EXECUTION_ID, WORKFLOW_EXECUTION_EVENTS.ACTOR_PROFILE_ID,
            WORKFLOW_EXECUTION_EVENTS.ACTION, WORKFLOW_EXECUTION_EVENTS.FROM_STATUS, WORKFLOW_EXECUTION_EVENTS.TO_STATUS,
            WORKFLOW_EXECUTION_EVENTS.DAYS, WORKFLOW_EXECUTION_EVENTS.REASON,
            WORKFLOW_EXECUTION_EVENTS.ESCALATION_USER_ID, WORKFLOW_EXECUTION_EVENTS.OCCURRED_AT,
            WORKFLOW_EXECUTION_EVENTS.FROM_CSM_ID, WORKFLOW_EXECUTION_EVENTS.TO_CSM_ID,
            WORKFLOW_EXECUTION_EVENTS.REASON_CODE, WORKFLOW_EXECUTION_EVENTS.NOTE);

    /** The organization's dependencies exist, for the updated row's organization (the UPDATE's RETURNING). */
    private static final Field<Boolean> DEPENDENCIES_EXIST = BlockedMarker.dependenciesExist(W.ORGANIZATION_ID)
            .as("dependencies_exist");
    /** The guarded UPDATE's rows, in {@link #guardedWrite}. */
    private static final Name SAVED = DSL.name("saved");
    private static final Field<Long> SAVED_VERSION = DSL.field(DSL.name("saved", W.VERSION.getName()), Long.class);
    private static final Field<Boolean> SAVED_DEPENDENCIES_EXIST = DSL.field(DSL.name("saved", "dependencies_exist"),
            Boolean.class);

    private final DSLContext sql;
    private final RenderedOnce statements;

    JooqExecutionWriter(DSLContext sql) {
        this.sql = sql;
        this.statements = new RenderedOnce(sql);
    }

    @Override
    public SaveResult saveTransition(WorkflowExecution next, ExecutionStatus expectedStatus, long expectedVersion,
            ExecutionEvent event, Integer riskScore) {
        checkConsistent(next, expectedStatus, event);
        return sql.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            UUID organization = next.organizationId().value();
            // Before the row lock: writers of this customer's work one after the other (MarkerLocks).
            MarkerLocks.forCustomers(t, Map.of(organization, List.of(next.customerId().value())));
            RenderedOnce.Binds binds = new RenderedOnce.Binds("transition");
            Record2<Long, Boolean> saved = statements.fetch(t, binds,
                    guardedWrite(t, binds, next, expectedStatus, expectedVersion, event, riskScore),
                    SAVED_VERSION, SAVED_DEPENDENCIES_EXIST).into(SAVED_VERSION, SAVED_DEPENDENCIES_EXIST).stream().findFirst().orElse(null);
            if (saved == null) {
                Optional<ExecutionStatus> current = t.select(W.STATUS).from(W)
                        .where(W.ORGANIZATION_ID.eq(next.organizationId().value())).and(W.ID.eq(next.id().value()))
                        .fetchOptional(W.STATUS);
                return new SaveResult.Conflict(current);
            }
            if (saved.value2()) {
                if (!expectedStatus.isTerminal() && next.status().isTerminal()) {
                    // In the same transaction: a crash between the close and the release would lose the events.
                    JooqDependencyBlocks.releaseDependentsOf(t, next.organizationId(), next.id(), event.occurredAt());
                }
                // The customer's markers: this row's own (its status may no longer be blockable) and its
                // dependents' (a prerequisite opened or closed). Nothing is written where nothing changed.
                BlockedMarker.refresh(t, new BlockedMarker.OfCustomers(organization, List.of(next.customerId().value())));
            }
            return new SaveResult.Saved(next.withVersion(saved.value1()));
        });
    }

    /**
     * The guarded UPDATE of a transition, every value made by {@code b} so that its SQL is rendered once
     * ({@link RenderedOnce}: rendering it was the largest CPU cost of a transition in {@code serve}).
     */
    private static UpdateResultStep<Record2<Long, Boolean>> guardedUpdate(DSLContext t, RenderedOnce.Binds b,
            WorkflowExecution next, ExecutionStatus expectedStatus, long expectedVersion, Action action,
            Integer riskScore) {
        Optional<Escalation> escalation = Optional.ofNullable(next.escalation());
        return t.update(W)
                .set(W.ASSIGNED_CSM_ID, b.val(next.assignedCsmId().value(), W.ASSIGNED_CSM_ID))
                .set(W.ESCALATION_USER_ID, b.val(id(next.escalationUserId()), W.ESCALATION_USER_ID))
                .set(W.STATUS, b.val(next.status(), W.STATUS))
                .set(W.SNOOZE_UNTIL, b.val(timestamp(next.snoozeUntil()), W.SNOOZE_UNTIL))
                .set(W.SNOOZE_DAYS, b.val(next.snoozeDays(), W.SNOOZE_DAYS))
                .set(W.SNOOZED_AT, b.val(timestamp(next.snoozedAt()), W.SNOOZED_AT))
                .set(W.PRIORITY_SCORE, b.val(next.priorityScore(), W.PRIORITY_SCORE))
                .set(W.STARTED_AT, b.val(timestamp(next.startedAt()), W.STARTED_AT))
                .set(W.COMPLETED_AT, b.val(timestamp(next.completedAt()), W.COMPLETED_AT))
                .set(W.SKIPPED_AT, b.val(timestamp(next.skippedAt()), W.SKIPPED_AT))
                .set(W.SKIP_REASON, b.val(next.skipReason(), W.SKIP_REASON))
                .set(W.REASON_CODE, b.val(next.reasonCode(), W.REASON_CODE))
                .set(W.ESCALATION_STATE, b.val(escalation.map(Escalation::state).orElse(null), W.ESCALATION_STATE))
                .set(W.ESCALATED_BY, b.val(who(escalation, Escalation::by), W.ESCALATED_BY))
                .set(W.ESCALATED_AT, b.val(when(escalation, Escalation::at), W.ESCALATED_AT))
                .set(W.ESCALATION_ACKNOWLEDGED_BY, b.val(who(escalation, Escalation::acknowledgedBy),
                        W.ESCALATION_ACKNOWLEDGED_BY))
                .set(W.ESCALATION_ACKNOWLEDGED_AT, b.val(when(escalation, Escalation::acknowledgedAt),
                        W.ESCALATION_ACKNOWLEDGED_AT))
                .set(W.ESCALATION_RESOLVED_BY, b.val(who(escalation, Escalation::resolvedBy), W.ESCALATION_RESOLVED_BY))
                .set(W.ESCALATION_RESOLVED_AT, b.val(when(escalation, Escalation::resolvedAt), W.ESCALATION_RESOLVED_AT))
                .set(W.ESCALATION_NOTE, b.val(escalation.map(Escalation::note).orElse(null), W.ESCALATION_NOTE))
                .set(W.EXECUTION_DATA, b.val(JsonbCodec.write(next.executionData()), W.EXECUTION_DATA))
                .set(W.UPDATED_AT, b.val(timestamp(next.updatedAt()), W.UPDATED_AT))
                .set(W.VERSION, W.VERSION.plus(DSL.inline(1L)))
                // The signal-aware lifecycle's state (V24): a snooze keeps the risk score it was
                // snoozed at; every transition restarts the auto-close count and ends an early wake.
                .set(W.SNOOZE_RISK_SCORE, b.val(action == Action.SNOOZE ? riskScore : null, W.SNOOZE_RISK_SCORE))
                .set(W.WOKEN_RISK_SCORE, DSL.inline(null, W.WOKEN_RISK_SCORE))
                .set(W.AUTO_CLOSE_RUNS, DSL.inline(0))
                .set(W.AUTO_CLOSE_COUNTED_ON, DSL.inline(null, W.AUTO_CLOSE_COUNTED_ON))
                .where(W.ORGANIZATION_ID.eq(b.val(next.organizationId().value(), W.ORGANIZATION_ID)))
                .and(W.ID.eq(b.val(next.id().value(), W.ID)))
                .and(W.VERSION.eq(b.val(expectedVersion, W.VERSION)))
                .and(b.eqAsStored(W.STATUS, expectedStatus))
                // Read after the locks, in this statement: where the organization has no dependency
                // there is no marker to keep and no dependent to release (BlockedMarker.dependenciesExist).
                .returningResult(W.VERSION, DEPENDENCIES_EXIST);
    }

    /** A profile the escalation names (who escalated, acknowledged, resolved), as its column holds it. */
    private static UUID who(Optional<Escalation> escalation, java.util.function.Function<Escalation, ProfileId> step) {
        return escalation.map(step).map(ProfileId::value).orElse(null);
    }

    /** A time the escalation names, as its column holds it. */
    private static java.time.OffsetDateTime when(Optional<Escalation> escalation,
            java.util.function.Function<Escalation, java.time.Instant> step) {
        return escalation.map(step).map(Codes::timestamp).orElse(null);
    }

    /**
     * A transition's write as one statement: the guarded UPDATE and, only where it matched a row, its event's
     * INSERT (a data-modifying {@code WITH}), returning the new version and whether the organization has a
     * dependency. One round trip and one statement fewer than an UPDATE followed by an INSERT; every value
     * made by {@code b}, so that its SQL is rendered once ({@link RenderedOnce}).
     */
    static ResultQuery<Record2<Long, Boolean>> guardedWrite(DSLContext t, RenderedOnce.Binds b, WorkflowExecution next,
            ExecutionStatus expectedStatus, long expectedVersion, ExecutionEvent event, Integer riskScore) {
        Table<?> saved = DSL.table(SAVED);
        return t.with(SAVED).as(guardedUpdate(t, b, next, expectedStatus, expectedVersion, event.action(), riskScore))
                .with(DSL.name("event")).as(t.insertInto(WORKFLOW_EXECUTION_EVENTS, EVENT_COLUMNS)
                        .select(DSL.select(eventValues(b, event)).from(saved))
                        .returningResult(DSL.inline(1)))
                .select(SAVED_VERSION, SAVED_DEPENDENCIES_EXIST).from(saved);
    }

    /** One event's values, in {@link #EVENT_COLUMNS}' order, each made by {@code b}. */
    private static List<Field<?>> eventValues(RenderedOnce.Binds b, ExecutionEvent e) {
        var v = WORKFLOW_EXECUTION_EVENTS;
        return List.of(b.val(e.organizationId().value(), v.ORGANIZATION_ID),
                b.val(e.executionId().value(), v.EXECUTION_ID), b.val(id(e.actor()), v.ACTOR_PROFILE_ID),
                b.val(e.action(), v.ACTION), b.val(e.from(), v.FROM_STATUS), b.val(e.to(), v.TO_STATUS),
                b.val(e.days(), v.DAYS), b.val(e.reason(), v.REASON),
                b.val(id(e.escalationUserId()), v.ESCALATION_USER_ID), b.val(timestamp(e.occurredAt()), v.OCCURRED_AT),
                b.val(id(e.fromCsmId()), v.FROM_CSM_ID), b.val(id(e.toCsmId()), v.TO_CSM_ID),
                b.val(e.reasonCode(), v.REASON_CODE), b.val(e.note(), v.NOTE));
    }

    /**
     * A transition the lifecycle could not have produced is a programming error, not a conflict:
     * {@code expectedStatus} must be one {@link Lifecycle#allowedFrom} the event's action, and the
     * event must be about this execution and lead to its new status. (The event's {@code from} may
     * differ from {@code expectedStatus}: that is a stale read, which the UPDATE reports as a conflict.) With that checked here, {@code status = expectedStatus}
     * in the UPDATE guards the write with the lifecycle's own table.
     */
    private static void checkConsistent(WorkflowExecution next, ExecutionStatus expectedStatus, ExecutionEvent event) {
        if (!Lifecycle.allowedFrom(event.action()).contains(expectedStatus)) {
            throw new IllegalArgumentException(event.action() + " is not allowed from " + expectedStatus);
        }
        if (!event.executionId().equals(next.id()) || !event.organizationId().equals(next.organizationId())
                || event.to() != next.status()) {
            throw new IllegalArgumentException("the event does not describe this transition: " + event);
        }
    }

    @Override
    public List<WorkflowExecution> insertNew(List<WorkflowExecution> executions, List<ExecutionEvent> events) {
        if (executions.isEmpty()) {
            return List.of();
        }
        // A stable key order, so that two concurrent inserters of overlapping sets wait on each
        // other instead of deadlocking.
        List<WorkflowExecution> ordered = executions.stream()
                .sorted(Comparator.comparing((WorkflowExecution e) -> e.organizationId().value())
                        .thenComparing(e -> e.customerId().value())
                        .thenComparing(e -> e.definitionId().value()))
                .toList();
        Map<UUID, Set<UUID>> customers = customersByOrganization(ordered);
        return sql.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            MarkerLocks.forCustomers(t, customers);
            InsertValuesStepN<WorkflowExecutionsRecord> insert = t.insertInto(W, INSERT_COLUMNS);
            for (WorkflowExecution e : ordered) {
                insert = insert.values(insertValues(e));
            }
            Set<UUID> inserted = insert
                    .onConflict(W.ORGANIZATION_ID, W.CUSTOMER_ID, W.WORKFLOW_DEFINITION_ID)
                    .where(W.STATUS.in(Codes.inlineStatuses(W.STATUS, ExecutionStatus.ACTIVE)))
                    .doNothing()
                    .returningResult(W.ID)
                    .fetchSet(W.ID);
            insertEvents(t, events.stream().filter(e -> inserted.contains(e.executionId().value())).toList());
            List<WorkflowExecution> created = executions.stream().filter(e -> inserted.contains(e.id().value())).toList();
            // A new row's own marker, and its customer's dependents' (a new open prerequisite blocks them).
            BlockedMarker.refreshCustomers(t, customersByOrganization(created));
            return created;
        });
    }

    /** The executions' customers, per organization, each in key order. */
    private static Map<UUID, Set<UUID>> customersByOrganization(List<WorkflowExecution> executions) {
        return executions.stream().collect(Collectors.groupingBy(e -> e.organizationId().value(), TreeMap::new,
                Collectors.mapping(e -> e.customerId().value(), Collectors.toCollection(TreeSet::new))));
    }

    private static List<Object> insertValues(WorkflowExecution e) {
        return Arrays.asList(e.id().value(), e.organizationId().value(), e.definitionId().value(),
                e.customerId().value(), e.assignedCsmId().value(), id(e.escalationUserId()), e.status(),
                timestamp(e.snoozeUntil()), e.snoozeDays(), timestamp(e.snoozedAt()), e.priorityScore(),
                timestamp(e.startedAt()), timestamp(e.completedAt()), timestamp(e.skippedAt()), e.skipReason(),
                JsonbCodec.write(e.executionData()), e.demo(), e.version(), timestamp(e.createdAt()),
                timestamp(e.updatedAt()), timestamp(e.dueAt()), e.reasonCode(),
                e.escalation() == null ? null : e.escalation().state(),
                e.escalation() == null ? null : id(e.escalation().by()),
                e.escalation() == null ? null : timestamp(e.escalation().at()),
                e.escalation() == null ? null : id(e.escalation().acknowledgedBy()),
                e.escalation() == null ? null : timestamp(e.escalation().acknowledgedAt()),
                e.escalation() == null ? null : id(e.escalation().resolvedBy()),
                e.escalation() == null ? null : timestamp(e.escalation().resolvedAt()),
                e.escalation() == null ? null : e.escalation().note());
    }

    private static void insertEvents(DSLContext t, List<ExecutionEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        InsertValuesStepN<?> insert = t.insertInto(WORKFLOW_EXECUTION_EVENTS, EVENT_COLUMNS);
        for (ExecutionEvent e : events) {
            insert = insert.values(Arrays.asList(e.organizationId().value(), e.executionId().value(), id(e.actor()),
                    e.action(), e.from(), e.to(), e.days(), e.reason(),
                    id(e.escalationUserId()), timestamp(e.occurredAt()), id(e.fromCsmId()), id(e.toCsmId()),
                    e.reasonCode(), e.note()));
        }
        insert.execute();
    }

    private static UUID id(ProfileId id) {
        return id == null ? null : id.value();
    }
}
