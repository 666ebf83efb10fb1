package dev.orchestrator.core.domain.escalation;

import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.lifecycle.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The escalation loop of an execution (the person escalated to is the execution's
 * {@code escalationUserId}): who escalated it and when, who acknowledged and resolved it and when,
 * and the latest note of those steps. Escalating again, to anyone, opens a new one.
 *
 * <p>Acknowledging needs an open escalation; resolving needs one that is not resolved yet (resolving
 * straight from open is allowed: the person escalated to may settle it at once, and an acknowledgement
 * afterwards would say nothing). {@link #allowedFrom} is that table.
 */
public record Escalation(EscalationState state, ProfileId by, Instant at, Instant acknowledgedAt,
        ProfileId acknowledgedBy, Instant resolvedAt, ProfileId resolvedBy, String note) {

    private static final Map<Action, Set<EscalationState>> ALLOWED = Map.of(
            Action.ACKNOWLEDGE, EnumSet.of(EscalationState.OPEN),
            Action.RESOLVE, EnumSet.of(EscalationState.OPEN, EscalationState.ACKNOWLEDGED));

    public Escalation {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
    }

    /** A new escalation by {@code by} (null: a system job) at {@code at}. */
    public static Escalation opened(ProfileId by, Instant at) {
        return new Escalation(EscalationState.OPEN, by, at, null, null, null, null, null);
    }

    /** The states from which {@code action} (acknowledge or resolve) may happen; empty for any other action. */
    public static Set<EscalationState> allowedFrom(Action action) {
        return ALLOWED.getOrDefault(action, Set.of());
    }

    /** This escalation after {@code action} by {@code actor} at {@code now}; the caller checked {@link #allowedFrom}. */
    public Escalation after(Action action, ProfileId actor, Instant now, String newNote) {
        if (!allowedFrom(action).contains(state)) {
            throw new IllegalStateException("cannot " + action.wireName() + " an escalation that is " + state.wireName());
        }
        String keptNote = newNote == null ? note : newNote;
        if (action == Action.ACKNOWLEDGE) {
            return new Escalation(EscalationState.ACKNOWLEDGED, by, at, now, actor, null, null, keptNote);
        }
        return new Escalation(EscalationState.RESOLVED, by, at, acknowledgedAt, acknowledgedBy, now, actor, keptNote);
    }

    /** When it should be acknowledged by, under the organization's target. */
    public Instant ackDueAt(Duration target) {
        return at.plus(target);
    }

    /**
     * Whether the target was missed: the first answer (the acknowledgement, or a resolution without
     * one), or {@code now} while there is none, came after {@link #ackDueAt}.
     */
    public boolean breached(Duration target, Instant now) {
        Instant answered = acknowledgedAt != null ? acknowledgedAt : resolvedAt != null ? resolvedAt : now;
        return answered.isAfter(ackDueAt(target));
    }
}
