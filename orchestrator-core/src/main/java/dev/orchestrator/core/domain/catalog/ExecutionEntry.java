package dev.orchestrator.core.domain.catalog;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * An execution as an import brings it (for example from the system the orchestrator replaces).
 * Its lifecycle timestamps are those of the load; its priority is scored after the load.
 * {@code dueAt} (optional) is the date the work is due by, as a renewal or review trigger sets it.
 */
public record ExecutionEntry(ExecutionId id, OrganizationId organizationId, DefinitionId definitionId,
        CustomerId customerId, ProfileId assignedCsmId, ExecutionStatus status, Instant snoozeUntil,
        String skipReason, JsonObject executionData, boolean demo, Instant dueAt) {

    public ExecutionEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(definitionId, "definitionId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(assignedCsmId, "assignedCsmId");
        Objects.requireNonNull(status, "status");
        executionData = executionData == null ? JsonObject.EMPTY : executionData;
    }
}
