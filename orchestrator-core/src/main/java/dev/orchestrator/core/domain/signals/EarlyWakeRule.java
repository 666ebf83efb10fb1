package dev.orchestrator.core.domain.signals;

import dev.orchestrator.core.domain.workflow.TriggerConditions;
import java.util.Optional;

/**
 * Early wake: a snoozed execution whose customer's risk score has risen at least the definition's
 * {@code wake_on_risk_increase} points above the score it had when the execution was snoozed is woken by
 * the daily job ({@code snoozed} → {@code not_started}, event {@code wake} with {@link #reason}). Off when
 * the definition does not name the key, or when no score was kept at snooze time. The SQL adapter applies
 * the same rule in one statement (proven equal on random data).
 */
public final class EarlyWakeRule {

    /** The rule name of the queue explanation's line about an early wake (0 points). */
    public static final String EXPLANATION_RULE = "woken_early";

    /** The event reason's first word, for programs reading the event table. */
    public static final String REASON = "signal_worsened";

    private EarlyWakeRule() {
    }

    public static boolean wakes(TriggerConditions conditions, Integer riskAtSnooze, int riskNow) {
        Optional<Long> increase = conditions.wakeOnRiskIncrease();
        return riskAtSnooze != null && increase.isPresent() && (long) riskNow - riskAtSnooze >= increase.get();
    }

    /** The wake event's reason, with both scores: "signal_worsened: risk score 3 at snooze, 7 now". */
    public static String reason(int riskAtSnooze, int riskNow) {
        return REASON + RISK_SCORE + riskAtSnooze + AT_SNOOZE + riskNow + NOW;
    }

    // The reason's wording, in parts, so that the SQL adapter builds the very same text.
    public static final String RISK_SCORE = ": risk score ";
    public static final String AT_SNOOZE = " at snooze, ";
    public static final String NOW = " now";

    /** What the queue's explanation says about an execution woken this way. */
    public static String explanation(int riskAtSnooze, int riskNow) {
        return "back early from snooze: the risk score rose from " + riskAtSnooze + " to " + riskNow;
    }
}
