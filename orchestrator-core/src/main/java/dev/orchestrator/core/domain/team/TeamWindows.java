package dev.orchestrator.core.domain.team;

import dev.orchestrator.core.domain.escalation.EscalationState;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The team view's rules, at one instant: which executions count as open, underway, resurfacing, an
 * open escalation, or closed within a window. {@link CsmWorkload#tally} applies them in Java; the SQL
 * adapter writes the same conditions with these instants, and the TeamViews contract checks both on
 * random data. Only production executions count (demo ones have the demo routes).
 *
 * @param asOf the instant the view is computed at (the injected clock's now)
 */
public record TeamWindows(Instant asOf) {

    /** A snoozed execution resurfacing before this many days from now counts as resurfacing soon. */
    public static final Duration RESURFACING = Duration.ofDays(3);
    public static final Duration SHORT_WINDOW = Duration.ofDays(7);
    public static final Duration LONG_WINDOW = Duration.ofDays(30);

    public TeamWindows {
        Objects.requireNonNull(asOf, "asOf");
    }

    /** Snoozed executions back strictly before this instant resurface soon (an overdue snooze too). */
    public Instant resurfacingBefore() {
        return asOf.plus(RESURFACING);
    }

    /** Closed at or after this instant: within the last 7 days. */
    public Instant shortWindowStart() {
        return asOf.minus(SHORT_WINDOW);
    }

    /** Closed at or after this instant: within the last 30 days. */
    public Instant longWindowStart() {
        return asOf.minus(LONG_WINDOW);
    }

    public static boolean isOpen(WorkflowExecution e) {
        return !e.status().isTerminal();
    }

    public boolean resurfacesSoon(WorkflowExecution e) {
        return e.status() == ExecutionStatus.SNOOZED && e.snoozeUntil().isBefore(resurfacingBefore());
    }

    /**
     * An open escalation: open work with an escalation user whose escalation is still waiting for its
     * acknowledgement (state {@code open}; an escalation stored before escalations had a state counts as
     * open). Acknowledged and resolved ones no longer wait. The one place this is decided (and
     * {@code SqlTeamViews.OPEN_ESCALATION} in SQL).
     */
    public static boolean isOpenEscalation(WorkflowExecution e) {
        return isOpen(e) && e.escalationUserId() != null
                && (e.escalation() == null || e.escalation().state() == EscalationState.OPEN);
    }

    /** Whether an open escalation that has waited {@code waited} missed the organization's acknowledgement target. */
    public static boolean breached(Duration waited, Duration ackTarget) {
        return waited.compareTo(ackTarget) > 0;
    }

    /**
     * When an open escalation started waiting: its last {@code escalate} event, or (escalated without
     * one, as an import can) the execution's creation.
     */
    public static Instant escalationWaitStart(WorkflowExecution e, Instant lastEscalateEvent) {
        return lastEscalateEvent != null ? lastEscalateEvent : e.createdAt();
    }

    /** When a closed execution was closed: completed or skipped; null while open. */
    public static Instant closedAt(WorkflowExecution e) {
        return switch (e.status()) {
            case COMPLETED -> e.completedAt();
            case SKIPPED -> e.skippedAt();
            default -> null;
        };
    }
}
