package dev.orchestrator.core.domain.workflow;

import dev.orchestrator.core.domain.signals.Comparison;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.signals.SignalField;
import dev.orchestrator.core.domain.signals.SignalScores;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A template step's {@code when}: the trigger conditions' vocabulary for one customer. The score
 * minimums read like a trigger's ({@code opportunity_score_min}, {@code risk_score_min}: the score is at
 * least the minimum); each signal condition compares one signal with a threshold as a signal rule does
 * ({@link SignalField}, {@link Comparison}) and holds only when the signal is known. Every part named
 * must hold. The SQL adapter evaluates the same rule over the stored form (proven by its translation test).
 */
public record StepCondition(BigDecimal opportunityScoreMin, BigDecimal riskScoreMin, List<OnSignal> signals) {

    /** The name under which {@link #selectedBy} records the opportunity score. */
    public static final String OPPORTUNITY_SCORE = "opportunity_score";
    /** The name under which {@link #selectedBy} records the risk score. */
    public static final String RISK_SCORE = "risk_score";

    /** "{@code field} {@code comparison} {@code threshold}", e.g. usage_score less_than 40. */
    public record OnSignal(SignalField field, Comparison comparison, BigDecimal threshold) {
        public OnSignal {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(comparison, "comparison");
            Objects.requireNonNull(threshold, "threshold");
        }

        boolean holds(CustomerSignals signals) {
            BigDecimal value = field.valueIn(signals);
            return value != null && comparison.holds(value, threshold);
        }
    }

    public StepCondition {
        signals = signals == null ? List.of() : List.copyOf(signals);
    }

    /** Whether the customer's signals and scores meet every part of the condition. */
    public boolean holds(CustomerSignals customer, SignalScores scores) {
        return meets(scores.opportunity().value(), opportunityScoreMin) && meets(scores.risk().value(), riskScoreMin)
                && signals.stream().allMatch(s -> s.holds(customer));
    }

    /**
     * The values the condition looked at, by name (the scores as {@value #OPPORTUNITY_SCORE} and
     * {@value #RISK_SCORE}, signals by their column name): what an instantiated step records as the
     * signals that selected it.
     */
    public Map<String, Object> selectedBy(CustomerSignals customer, SignalScores scores) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (opportunityScoreMin != null) {
            values.put(OPPORTUNITY_SCORE, scores.opportunity().value());
        }
        if (riskScoreMin != null) {
            values.put(RISK_SCORE, scores.risk().value());
        }
        for (OnSignal s : signals) {
            values.put(s.field().columnName(), s.field().valueIn(customer));
        }
        return values;
    }

    private static boolean meets(int score, BigDecimal minimum) {
        return minimum == null || BigDecimal.valueOf(score).compareTo(minimum) >= 0;
    }
}
