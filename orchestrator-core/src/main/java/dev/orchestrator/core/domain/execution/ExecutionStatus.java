package dev.orchestrator.core.domain.execution;

import dev.orchestrator.core.domain.WireNamed;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Where an execution is in its lifecycle. The allowed moves between them live in {@code Lifecycle}. */
public enum ExecutionStatus implements WireNamed {
    NOT_STARTED("not_started"),
    UNDERWAY("underway"),
    COMPLETED("completed"),
    SNOOZED("snoozed"),
    SKIPPED("skipped");

    /** The statuses that still ask something of the CSM: they are in the queue and can move on. */
    public static final Set<ExecutionStatus> ACTIVE = EnumSet.of(NOT_STARTED, UNDERWAY, SNOOZED);

    private final String wireName;

    ExecutionStatus(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public boolean isTerminal() {
        return !ACTIVE.contains(this);
    }

    public static Optional<ExecutionStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
