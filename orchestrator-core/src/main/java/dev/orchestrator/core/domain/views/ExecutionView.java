package dev.orchestrator.core.domain.views;

import dev.orchestrator.core.domain.queue.QueueEntry;
import java.time.Instant;
import java.util.Objects;

/**
 * One execution as the work views show it: what the queue shows (execution, definition, customer,
 * signals), the date it is due by ({@code dueAt}, set by renewal and annual-review triggers; null for
 * others), the assigned CSM and the escalation user by name (null when not escalated), and when it was
 * last escalated ({@code escalatedAt}: only the single-execution read fills it; null in lists).
 */
public record ExecutionView(QueueEntry entry, Instant dueAt, Person assignedCsm, Person escalationUser,
        Instant escalatedAt) {
    public ExecutionView {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(assignedCsm, "assignedCsm");
    }
}
