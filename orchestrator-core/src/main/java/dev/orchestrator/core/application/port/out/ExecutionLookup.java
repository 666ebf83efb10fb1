package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.queue.QueueEntry;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Reads one execution with what its priority depends on (definition, customer, signals). */
public interface ExecutionLookup {
    Optional<QueueEntry> findExecution(OrganizationId organizationId, ExecutionId id);

    /**
     * {@link #findExecution} for each of {@code ids}, in one read (a bulk call's thousand items): the
     * entries found, in no particular order; an id of no execution of the organization is left out.
     */
    List<QueueEntry> findExecutions(OrganizationId organizationId, Collection<ExecutionId> ids);
}
