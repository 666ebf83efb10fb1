package dev.orchestrator.core.domain.workload;

import dev.orchestrator.core.domain.WireNamed;
import java.util.Arrays;
import java.util.Optional;

/**
 * How a customer without a CSM gets one from the organization's assignment pool ({@link AssignmentRule};
 * V35's CHECK on {@code organizations.assignment_strategy} lists the same wire names).
 */
public enum AssignmentStrategy implements WireNamed {
    /** The pool member with the fewest open executions (ties: the lowest id). */
    LEAST_OPEN("least_open"),
    /** The pool's members in turn, in the pool's order. */
    ROUND_ROBIN("round_robin");

    private final String wireName;

    AssignmentStrategy(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<AssignmentStrategy> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
