package dev.orchestrator.core.domain.views;

import dev.orchestrator.core.domain.lifecycle.ExecutionEvent;
import java.util.Objects;

/**
 * One line of an execution's timeline: the event, with the people it names by name. {@code sequence}
 * orders the events of one execution (oldest first) and is what a history page continues after.
 * {@code actor} is null when the system acted (a job, an import, a reassignment with the customer).
 */
public record HistoryEntry(long sequence, ExecutionEvent event, Person actor, Person escalationUser, Person fromCsm,
        Person toCsm) {
    public HistoryEntry {
        Objects.requireNonNull(event, "event");
    }
}
