package dev.orchestrator.core.domain.lifecycle;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of an execution's audit trail: who did what, from which status to which, with which
 * parameters. {@code actor} is null for system jobs; {@code from} is null for {@link Action#CREATE};
 * {@code fromCsmId} and {@code toCsmId} are set for {@link Action#REASSIGN} only. {@code reasonCode}
 * and {@code note} explain a skip (always a code: {@code other} for the prototype's free-text reason,
 * which is then the note too) or a snooze (both optional).
 */
public record ExecutionEvent(
        ExecutionId executionId,
        OrganizationId organizationId,
        ProfileId actor,
        Action action,
        ExecutionStatus from,
        ExecutionStatus to,
        Integer days,
        String reason,
        ProfileId escalationUserId,
        Instant occurredAt,
        ProfileId fromCsmId,
        ProfileId toCsmId,
        String reasonCode,
        String note) {

    public ExecutionEvent {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** An event without a reason code or note. */
    public ExecutionEvent(ExecutionId executionId, OrganizationId organizationId, ProfileId actor, Action action,
            ExecutionStatus from, ExecutionStatus to, Integer days, String reason, ProfileId escalationUserId,
            Instant occurredAt, ProfileId fromCsmId, ProfileId toCsmId) {
        this(executionId, organizationId, actor, action, from, to, days, reason, escalationUserId, occurredAt,
                fromCsmId, toCsmId, null, null);
    }

    /** An event that moves no execution between CSMs. */
    public ExecutionEvent(ExecutionId executionId, OrganizationId organizationId, ProfileId actor, Action action,
            ExecutionStatus from, ExecutionStatus to, Integer days, String reason, ProfileId escalationUserId,
            Instant occurredAt) {
        this(executionId, organizationId, actor, action, from, to, days, reason, escalationUserId, occurredAt, null, null);
    }

    /** The execution moved from one CSM to another with its customer; its status stays. */
    public static ExecutionEvent reassigned(ExecutionId id, OrganizationId org, ExecutionStatus status, ProfileId from,
            ProfileId to, Instant at) {
        return new ExecutionEvent(id, org, null, Action.REASSIGN, status, status, null, null, null, at, from, to);
    }

    public static ExecutionEvent created(ExecutionId id, OrganizationId org, ProfileId actor, Instant at) {
        return new ExecutionEvent(id, org, actor, Action.CREATE, null, ExecutionStatus.NOT_STARTED,
                null, null, null, at);
    }
}
