package dev.orchestrator.core.domain.policy;

import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import java.util.Objects;

/** The two policies an organization scores its work by: where work ranks, and what signals call for it. */
public record Policies(PriorityPolicy priority, SignalPolicy signals) {

    /** The prototype's policies: what every organization uses until an admin applies its own. */
    public static final Policies STANDARD = new Policies(PriorityPolicy.STANDARD, SignalPolicy.STANDARD);

    public Policies {
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(signals, "signals");
    }
}
