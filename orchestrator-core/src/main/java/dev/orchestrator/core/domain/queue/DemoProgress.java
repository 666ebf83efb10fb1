package dev.orchestrator.core.domain.queue;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How far a CSM is through the demo sequence: how many demo executions there are, how many are
 * completed, the one to do now and the one after it (neither counts terminal executions).
 */
public record DemoProgress(int total, int completed, Optional<QueueEntry> current, Optional<QueueEntry> next) {

    /** Progress over all of one CSM's demo executions, whatever their status. */
    public static DemoProgress of(List<QueueEntry> demoExecutions) {
        Comparator<QueueEntry> order = QueueOrdering.comparator(QueueMode.DEMO);
        List<QueueEntry> open = demoExecutions.stream()
                .filter(e -> !e.execution().status().isTerminal())
                .sorted(order)
                .toList();
        int completed = (int) demoExecutions.stream()
                .filter(e -> e.execution().status() == ExecutionStatus.COMPLETED)
                .count();
        return new DemoProgress(demoExecutions.size(), completed,
                open.stream().findFirst(), open.stream().skip(1).findFirst());
    }
}
