package dev.orchestrator.core.domain.queue;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import java.util.Comparator;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Which executions a queue holds, and in which order. Stores must return exactly this; the SQL
 * adapter's ORDER BY mirrors these comparators and its tests check it against them.
 */
public final class QueueOrdering {

    private QueueOrdering() {
    }

    /** Both modes show only work still to do. */
    public static Predicate<QueueEntry> membership(QueueMode mode) {
        return entry -> entry.execution().demo() == (mode == QueueMode.DEMO)
                && ExecutionStatus.ACTIVE.contains(entry.execution().status());
    }

    /**
     * Production: highest priority score first; ties by creation time, then id, so that the order is
     * stable between two reads. Demo: by {@code trigger_conditions.order} (executions whose definition
     * has none come last), then the same tie-breakers.
     */
    public static Comparator<QueueEntry> comparator(QueueMode mode) {
        Comparator<QueueEntry> tieBreak = Comparator
                .comparing((QueueEntry e) -> e.execution().createdAt())
                .thenComparing(e -> e.execution().id().value(), QueueOrdering::compareUuids);
        if (mode == QueueMode.PRODUCTION) {
            return Comparator.comparingInt((QueueEntry e) -> e.execution().priorityScore()).reversed()
                    .thenComparing(tieBreak);
        }
        return Comparator.comparing((QueueEntry e) -> e.definition().triggerConditions().order().orElse(Long.MAX_VALUE))
                .thenComparing(tieBreak);
    }

    /** UUIDs compared as PostgreSQL compares them: as unsigned bytes, left to right. */
    public static int compareUuids(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
