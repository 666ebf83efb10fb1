package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.queue.QueueEntry;
import java.util.Optional;

/** Reads one execution with what its priority depends on (definition, customer, signals). */
public interface ExecutionLookup {
    Optional<QueueEntry> findExecution(OrganizationId organizationId, ExecutionId id);
}
