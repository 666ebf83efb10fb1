package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.priority.PriorityScore;
import dev.orchestrator.core.domain.queue.QueueEntry;
import dev.orchestrator.core.domain.queue.QueueMode;
import java.util.List;
import java.util.Optional;

/** "Which piece of work should I do next?": a CSM's queue, best first, each item with its explained priority. */
public interface ViewQueue {

    int DEFAULT_LIMIT = 10;
    int MAX_LIMIT = 100;

    Result<List<QueueItem>> queue(Profile caller, Query query);

    /** {@code csmId} empty means the caller's own queue. */
    record Query(Optional<ProfileId> csmId, QueueMode mode, int limit) {
    }

    /** {@code priority} is evaluated now and explains the stored score's parts. */
    record QueueItem(QueueEntry entry, PriorityScore priority) {
    }
}
