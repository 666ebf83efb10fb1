package dev.orchestrator.core.domain.escalation;

import dev.orchestrator.core.domain.WireNamed;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Where an escalation is: open → acknowledged → resolved (V28's CHECK lists the same wire names). */
public enum EscalationState implements WireNamed {
    OPEN("open"),
    ACKNOWLEDGED("acknowledged"),
    RESOLVED("resolved");

    /** The escalations the person escalated to still has to deal with ({@code escalated_to=me}). */
    public static final Set<EscalationState> UNRESOLVED = java.util.Collections.unmodifiableSet(
            EnumSet.of(OPEN, ACKNOWLEDGED));

    private final String wireName;

    EscalationState(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<EscalationState> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
