package dev.orchestrator.core.domain.workload;

import dev.orchestrator.core.domain.WireNamed;
import java.util.Arrays;
import java.util.Optional;

/**
 * How a CSM's load is counted against their capacity (V35's CHECK on {@code organizations.rebalance_load}
 * lists the same wire names): every open execution as one, or each weighted by its priority label
 * ({@link RebalancePolicy#labelWeights()}), so that a CSM with ten critical items is fuller than one
 * with ten low ones.
 */
public enum LoadCounting implements WireNamed {
    OPEN("open"),
    PRIORITY_WEIGHTED("priority_weighted");

    private final String wireName;

    LoadCounting(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<LoadCounting> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
