package dev.orchestrator.core.domain.views;

import dev.orchestrator.core.domain.WireNamed;
import dev.orchestrator.core.domain.queue.QueueOrdering;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;

/**
 * The orders of the execution list. Each is one sort key, then the id as the tie-breaker in the same
 * direction, so that a page continues after (key, id) with one row comparison (keyset paging: no
 * gaps or repeats while rows are added or change elsewhere). Dates without a value sort last. The SQL
 * adapter's ORDER BY and continuation mirror {@link #comparator} and {@link #key}; the list contract
 * test checks it.
 */
public enum ListSort implements WireNamed {
    /** Lowest stored score first. */
    PRIORITY("priority", false),
    /** Highest stored score first (the queue's order; the default). */
    PRIORITY_DESCENDING("-priority", true),
    /** Oldest first. */
    CREATED_AT("created_at", false),
    /** Soonest back first; executions not snoozed last. */
    SNOOZE_UNTIL("snooze_until", false),
    /** Soonest due first; executions without a due date last. */
    DUE_AT("due_at", false);

    public static final ListSort DEFAULT = PRIORITY_DESCENDING;

    private final String wireName;
    private final boolean descending;

    ListSort(String wireName, boolean descending) {
        this.wireName = wireName;
        this.descending = descending;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public boolean descending() {
        return descending;
    }

    public static Optional<ListSort> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }

    /**
     * The sort key of a row: the score, or a time in microseconds since the epoch (what PostgreSQL
     * keeps); null for a date the row does not have (it sorts after every value).
     */
    public Long key(ExecutionView view) {
        WorkflowExecution e = view.entry().execution();
        return switch (this) {
            case PRIORITY, PRIORITY_DESCENDING -> (long) e.priorityScore();
            case CREATED_AT -> micros(e.createdAt());
            case SNOOZE_UNTIL -> micros(e.snoozeUntil());
            case DUE_AT -> micros(view.dueAt());
        };
    }

    /** Where a row is in this order; a page continues after the position of its last row. */
    public Position position(ExecutionView view) {
        return new Position(key(view), view.entry().execution().id().value());
    }

    public Comparator<Position> positions() {
        Comparator<Position> ascending = Comparator
                .comparing(Position::key, Comparator.nullsLast(Comparator.<Long>naturalOrder()))
                .thenComparing(Position::id, QueueOrdering::compareUuids);
        return descending ? ascending.reversed() : ascending;
    }

    public Comparator<ExecutionView> comparator() {
        return Comparator.comparing(this::position, positions());
    }

    public static Long micros(Instant instant) {
        return instant == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    public static Instant fromMicros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    /** A row's place in a list order: its sort key (null: no value) and its id. */
    public record Position(Long key, UUID id) {
        public Position {
            java.util.Objects.requireNonNull(id, "id");
        }
    }
}
