package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.queue.QueueEntry;
import dev.orchestrator.core.domain.queue.QueueMode;
import java.util.List;

/** Reads queues. Implementations must honour {@code QueueOrdering} exactly, with one query each. */
public interface QueueReader {

    /** The first {@code limit} entries of a CSM's queue, as {@code QueueOrdering} defines membership and order. */
    List<QueueEntry> queue(OrganizationId organizationId, ProfileId csmId, QueueMode mode, int limit);

    /** Every demo execution assigned to the CSM, whatever its status. */
    List<QueueEntry> demoExecutions(OrganizationId organizationId, ProfileId csmId);
}
