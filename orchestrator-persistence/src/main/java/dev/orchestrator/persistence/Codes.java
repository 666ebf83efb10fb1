package dev.orchestrator.persistence;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Core values to and from their stored form, where the generated fields do not already carry the
 * core type. Closed sets need nothing here: their columns are typed with the core enums
 * ({@code types.WireNameConverter}).
 */
final class Codes {

    private Codes() {
    }

    /**
     * The statuses as inline literals of {@code field}'s type. Partial indexes are only usable when
     * their predicate is written with literals (a bound list defeats cached generic plans).
     */
    static List<Field<ExecutionStatus>> inlineStatuses(Field<ExecutionStatus> field, Collection<ExecutionStatus> statuses) {
        return statuses.stream().sorted().<Field<ExecutionStatus>>map(s -> DSL.inline(s, field)).toList();
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static <T, R> R mapNullable(T value, Function<T, R> mapper) {
        return value == null ? null : mapper.apply(value);
    }
}
