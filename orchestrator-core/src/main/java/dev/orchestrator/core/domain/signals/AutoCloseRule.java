package dev.orchestrator.core.domain.signals;

import dev.orchestrator.core.domain.workflow.AutoClose;
import dev.orchestrator.core.domain.workflow.TriggerConditions;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Auto-close with hysteresis. Each daily run looks at every {@code not_started} execution that signal
 * interpretation created, for a definition that names {@code auto_close {margin, after_runs}}:
 * <ul>
 * <li>the condition has <em>cleared</em> when some threshold the definition names is missed by at least
 * {@code margin} points (score ≤ minimum − margin; opportunity is looked at before risk);</li>
 * <li>cleared, and not yet counted today: the run count goes up by one and today is the day counted
 * (a second run the same day counts nothing); not cleared: the count goes back to 0;</li>
 * <li>once the count reaches {@code after_runs}, the system skips the execution with a reason that states
 * the evidence ({@link #reason}).</li>
 * </ul>
 * Started, snoozed and closed work is never touched; any transition resets the count. The SQL adapter
 * applies the same rule to every execution in one statement (proven equal on random data).
 */
public final class AutoCloseRule {

    /** The two thresholds, in the order they are examined. */
    public enum Score {
        OPPORTUNITY("opportunity score"),
        RISK("risk score");

        private final String words;

        Score(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** A threshold missed by at least the margin: {@code score ≤ minimum − margin}. */
    public record Evidence(Score score, int value, BigDecimal minimum, long margin) {
    }

    /** The state of one execution after a run: its count, the day last counted, and the reason when it closes. */
    public record Decision(long runs, LocalDate countedOn, Optional<String> closeReason) {
    }

    private AutoCloseRule() {
    }

    /** The first named threshold missed by at least the margin, if auto-close is on and one is. */
    public static Optional<Evidence> evidence(TriggerConditions conditions, SignalScores scores) {
        Optional<AutoClose> settings = conditions.autoClose();
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        long margin = settings.get().margin();
        Optional<Evidence> opportunity = missed(Score.OPPORTUNITY, scores.opportunity().value(),
                conditions.opportunityScoreMin(), margin);
        return opportunity.isPresent() ? opportunity
                : missed(Score.RISK, scores.risk().value(), conditions.riskScoreMin(), margin);
    }

    /**
     * Whether the next daily run would close the execution, its signals staying as they are: a run on
     * a day not counted yet, so the condition has cleared and one more count reaches {@code after_runs}.
     * What a simulation reports as "would close" (the SQL what-if applies the same test).
     */
    public static boolean closesAtNextRun(TriggerConditions conditions, SignalScores scores, long runs) {
        // countedOn null: the next run's day is never one already counted.
        return decide(conditions, scores, runs, null, LocalDate.EPOCH).closeReason().isPresent();
    }

    /**
     * Today's run for an execution with {@code runs} counted (last on {@code countedOn}, null if never).
     * An execution for which nothing changes gets back the same values and no reason.
     */
    public static Decision decide(TriggerConditions conditions, SignalScores scores, long runs, LocalDate countedOn,
            LocalDate today) {
        Optional<Evidence> evidence = evidence(conditions, scores);
        if (evidence.isEmpty()) {
            return new Decision(0, countedOn, Optional.empty());
        }
        if (today.equals(countedOn)) {
            return new Decision(runs, countedOn, Optional.empty());
        }
        long counted = runs + 1;
        boolean closes = counted >= conditions.autoClose().orElseThrow().afterRuns();
        return new Decision(counted, today, closes ? Optional.of(reason(evidence.get(), counted)) : Optional.empty());
    }

    /** The skip reason: e.g. "condition cleared: risk score 3, at or below 6 − 1, for 2 daily runs". */
    public static String reason(Evidence evidence, long runs) {
        return REASON_START + evidence.score().words() + " " + evidence.value() + AT_OR_BELOW
                + plain(evidence.minimum()) + MINUS + evidence.margin() + FOR + runs + (runs == 1 ? RUN : RUNS);
    }

    /** A threshold as the reason shows it: plain digits, no trailing zeros. */
    public static String plain(BigDecimal minimum) {
        return minimum.stripTrailingZeros().toPlainString();
    }

    // The reason's wording, in parts, so that the SQL adapter builds the very same text.
    public static final String REASON_START = "condition cleared: ";
    public static final String AT_OR_BELOW = ", at or below ";
    public static final String MINUS = " − ";
    public static final String FOR = ", for ";
    public static final String RUN = " daily run";
    public static final String RUNS = " daily runs";

    private static Optional<Evidence> missed(Score score, int value, Optional<BigDecimal> minimum, long margin) {
        return minimum.filter(min -> BigDecimal.valueOf(value).compareTo(min.subtract(BigDecimal.valueOf(margin))) <= 0)
                .map(min -> new Evidence(score, value, min, margin));
    }
}
