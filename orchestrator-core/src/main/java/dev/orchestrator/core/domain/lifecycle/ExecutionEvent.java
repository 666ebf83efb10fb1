package dev.orchestrator.core.domain.lifecycle;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of an execution's audit trail: who did what, from which status to which, with which
 * parameters. {@code actor} is null for system jobs; {@code from} is null for {@link Action#CREATE}.
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
        Instant occurredAt) {

    public ExecutionEvent {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    public static ExecutionEvent created(ExecutionId id, OrganizationId org, ProfileId actor, Instant at) {
        return new ExecutionEvent(id, org, actor, Action.CREATE, null, ExecutionStatus.NOT_STARTED,
                null, null, null, at);
    }
}
