package dev.orchestrator.core.domain.execution;

import dev.orchestrator.core.domain.escalation.Escalation;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * One workflow definition run for one customer, assigned to one CSM.
 *
 * <p>Immutable: the lifecycle returns a new value for every transition, with {@code version} one
 * higher, so that a store can refuse a write based on a stale read. Nullable fields are those the
 * lifecycle has not reached yet (for example {@code completedAt} before completion). {@code dueAt}
 * is the date the work is due by (the start of that UTC day), set when a renewal or review trigger
 * creates the execution and never changed by the lifecycle; null for other work. {@code reasonCode}
 * is the reason code of its latest skip or snooze (null: none, or a snooze without one);
 * {@code escalation} the loop of its latest escalation to {@code escalationUserId} (null: never escalated,
 * or escalated before the loop existed and not since).
 */
public record WorkflowExecution(
        ExecutionId id,
        OrganizationId organizationId,
        DefinitionId definitionId,
        CustomerId customerId,
        ProfileId assignedCsmId,
        ProfileId escalationUserId,
        ExecutionStatus status,
        Instant snoozeUntil,
        Integer snoozeDays,
        Instant snoozedAt,
        int priorityScore,
        Instant startedAt,
        Instant completedAt,
        Instant skippedAt,
        String skipReason,
        JsonObject executionData,
        boolean demo,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant dueAt,
        String reasonCode,
        Escalation escalation) {

    public WorkflowExecution {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(definitionId, "definitionId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(assignedCsmId, "assignedCsmId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        executionData = executionData == null ? JsonObject.EMPTY : executionData;
        if (escalation != null && escalationUserId == null) {
            throw new IllegalArgumentException("an escalation needs the person escalated to (escalationUserId)");
        }
        if (status == ExecutionStatus.SNOOZED && snoozeUntil == null) {
            throw new IllegalArgumentException("a snoozed execution needs snoozeUntil");
        }
    }

    /** An execution without a skip or snooze reason code (as it was before reason codes). */
    public WorkflowExecution(ExecutionId id, OrganizationId organizationId, DefinitionId definitionId,
            CustomerId customerId, ProfileId assignedCsmId, ProfileId escalationUserId, ExecutionStatus status,
            Instant snoozeUntil, Integer snoozeDays, Instant snoozedAt, int priorityScore, Instant startedAt,
            Instant completedAt, Instant skippedAt, String skipReason, JsonObject executionData, boolean demo,
            long version, Instant createdAt, Instant updatedAt, Instant dueAt) {
        this(id, organizationId, definitionId, customerId, assignedCsmId, escalationUserId, status, snoozeUntil,
                snoozeDays, snoozedAt, priorityScore, startedAt, completedAt, skippedAt, skipReason, executionData,
                demo, version, createdAt, updatedAt, dueAt, null, null);
    }

    /** This execution as stored at {@code newVersion}. */
    public WorkflowExecution withVersion(long newVersion) {
        return new WorkflowExecution(id, organizationId, definitionId, customerId, assignedCsmId,
                escalationUserId, status, snoozeUntil, snoozeDays, snoozedAt, priorityScore, startedAt,
                completedAt, skippedAt, skipReason, executionData, demo, newVersion, createdAt, updatedAt, dueAt,
                reasonCode, escalation);
    }

    /** A new execution, not started, as the signal interpreter or the demo initializer creates it. */
    public static WorkflowExecution create(
            ExecutionId id,
            OrganizationId organizationId,
            DefinitionId definitionId,
            CustomerId customerId,
            ProfileId assignedCsmId,
            boolean demo,
            int priorityScore,
            Instant now) {
        return create(id, organizationId, definitionId, customerId, assignedCsmId, demo, priorityScore, now, null);
    }

    /** A new execution, not started, due by {@code dueAt} (null: no due date). */
    public static WorkflowExecution create(
            ExecutionId id,
            OrganizationId organizationId,
            DefinitionId definitionId,
            CustomerId customerId,
            ProfileId assignedCsmId,
            boolean demo,
            int priorityScore,
            Instant now,
            Instant dueAt) {
        return new WorkflowExecution(id, organizationId, definitionId, customerId, assignedCsmId, null,
                ExecutionStatus.NOT_STARTED, null, null, null, priorityScore, null, null, null, null,
                JsonObject.EMPTY, demo, 0, now, now, dueAt);
    }

    public WorkflowExecution withPriorityScore(int score) {
        return new WorkflowExecution(id, organizationId, definitionId, customerId, assignedCsmId,
                escalationUserId, status, snoozeUntil, snoozeDays, snoozedAt, score, startedAt,
                completedAt, skippedAt, skipReason, executionData, demo, version, createdAt, updatedAt, dueAt,
                reasonCode, escalation);
    }

    /** This new execution with its first data (the template's checklist): not a change, so the version stays. */
    public WorkflowExecution withExecutionData(JsonObject data) {
        return new WorkflowExecution(id, organizationId, definitionId, customerId, assignedCsmId,
                escalationUserId, status, snoozeUntil, snoozeDays, snoozedAt, priorityScore, startedAt,
                completedAt, skippedAt, skipReason, data, demo, version, createdAt, updatedAt, dueAt,
                reasonCode, escalation);
    }

    /** Builder-style copy used by the lifecycle; keeps every transition a single readable expression. */
    public Changes change() {
        return new Changes(this);
    }

    /** Mutable scratch copy used only while building the next immutable value. */
    public static final class Changes {
        private final WorkflowExecution from;
        private ProfileId assignedCsmId;
        private ProfileId escalationUserId;
        private ExecutionStatus status;
        private Instant snoozeUntil;
        private Integer snoozeDays;
        private Instant snoozedAt;
        private Instant startedAt;
        private Instant completedAt;
        private Instant skippedAt;
        private String skipReason;
        private JsonObject executionData;
        private String reasonCode;
        private Escalation escalation;

        private Changes(WorkflowExecution from) {
            this.from = from;
            this.assignedCsmId = from.assignedCsmId;
            this.escalationUserId = from.escalationUserId;
            this.status = from.status;
            this.snoozeUntil = from.snoozeUntil;
            this.snoozeDays = from.snoozeDays;
            this.snoozedAt = from.snoozedAt;
            this.startedAt = from.startedAt;
            this.completedAt = from.completedAt;
            this.skippedAt = from.skippedAt;
            this.skipReason = from.skipReason;
            this.executionData = from.executionData;
            this.reasonCode = from.reasonCode;
            this.escalation = from.escalation;
        }

        public Changes status(ExecutionStatus value) { this.status = value; return this; }
        public Changes escalationUserId(ProfileId value) { this.escalationUserId = value; return this; }
        public Changes assignedCsmId(ProfileId value) { this.assignedCsmId = Objects.requireNonNull(value); return this; }
        public Changes snooze(Instant until, Integer days, Instant at) {
            this.snoozeUntil = until;
            this.snoozeDays = days;
            this.snoozedAt = at;
            return this;
        }
        public Changes startedAt(Instant value) { this.startedAt = value; return this; }
        public Changes completedAt(Instant value) { this.completedAt = value; return this; }
        public Changes skipped(Instant at, String reason) { this.skippedAt = at; this.skipReason = reason; return this; }
        public Changes executionData(JsonObject value) { this.executionData = value; return this; }
        public Changes reasonCode(String value) { this.reasonCode = value; return this; }
        public Changes escalation(Escalation value) { this.escalation = value; return this; }

        /** The next version of the execution, stamped with the time of the change. */
        public WorkflowExecution at(Instant now) {
            return new WorkflowExecution(from.id, from.organizationId, from.definitionId, from.customerId,
                    assignedCsmId, escalationUserId, status, snoozeUntil, snoozeDays, snoozedAt,
                    from.priorityScore, startedAt, completedAt, skippedAt, skipReason, executionData,
                    from.demo, from.version + 1, from.createdAt, now, from.dueAt, reasonCode, escalation);
        }
    }
}
