package dev.orchestrator.http;

import dev.orchestrator.core.domain.priority.PriorityEvaluator;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.priority.PriorityScore;
import dev.orchestrator.core.domain.queue.QueueEntry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The explained priority of an entry today (UTC), with the orchestrator's own policy: for the demo
 * status, whose entries come without one (the queue's come with theirs).
 */
final class PriorityNow {

    private final PriorityEvaluator evaluator;
    private final Clock clock;

    PriorityNow(PriorityPolicy policy, Clock clock) {
        this.evaluator = new PriorityEvaluator(policy);
        this.clock = clock;
    }

    PriorityScore of(QueueEntry entry) {
        return evaluator.evaluate(entry.priorityInput(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }
}
