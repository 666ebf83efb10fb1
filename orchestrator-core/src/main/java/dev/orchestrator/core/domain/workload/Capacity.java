package dev.orchestrator.core.domain.workload;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A CSM's capacity: the most open executions (load points, with priority-weighted counting) they
 * should carry. Unset is unlimited, the default: such a CSM is never above capacity, and rebalancing
 * neither takes work from them nor gives them any (nobody said how much they can take). V35's CHECK
 * holds the same bounds.
 */
public final class Capacity {

    public static final int MIN = 1;
    public static final int MAX = 100_000;

    private Capacity() {
    }

    /** Why {@code value} is no capacity, if it is not. */
    public static Optional<String> problem(long value) {
        return value < MIN || value > MAX
                ? Optional.of("must be a whole number from " + MIN + " to " + MAX + " (or null: unlimited)")
                : Optional.empty();
    }

    /** Load ÷ capacity (1.0 is full); empty when unlimited. */
    public static OptionalDouble ratio(long load, OptionalInt capacity) {
        return capacity.isPresent() ? OptionalDouble.of((double) load / capacity.getAsInt()) : OptionalDouble.empty();
    }
}
