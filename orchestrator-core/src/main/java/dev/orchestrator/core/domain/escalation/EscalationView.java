package dev.orchestrator.core.domain.escalation;

import dev.orchestrator.core.domain.views.Person;
import java.time.Instant;
import java.util.Objects;

/** An escalation as the views show it: the loop, the person escalated to by name, and the acknowledgement target's verdict now. */
public record EscalationView(Escalation escalation, Person to, Instant ackDueAt, boolean breached) {

    public EscalationView {
        Objects.requireNonNull(escalation, "escalation");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(ackDueAt, "ackDueAt");
    }

    /** The view of {@code escalation} under {@code settings} at {@code now}; null when there is no escalation. */
    public static EscalationView of(Escalation escalation, Person to, OrganizationSettings settings, Instant now) {
        if (escalation == null || to == null) {
            return null;
        }
        return new EscalationView(escalation, to, escalation.ackDueAt(settings.ackTarget()),
                escalation.breached(settings.ackTarget(), now));
    }
}
