package dev.orchestrator.core.domain.signals;

import static dev.orchestrator.core.domain.signals.Comparison.AT_LEAST;
import static dev.orchestrator.core.domain.signals.Comparison.AT_MOST;
import static dev.orchestrator.core.domain.signals.Comparison.GREATER_THAN;
import static dev.orchestrator.core.domain.signals.Comparison.LESS_THAN;

import java.math.BigDecimal;
import java.util.List;

/**
 * The signal scores as data: two named lists of rules, each score capped at {@code maxScore}.
 * {@link SignalScorer} evaluates it in Java and the persistence adapter translates the same lists
 * into SQL for bulk interpretation.
 */
public record SignalPolicy(List<SignalRule> opportunityRules, List<SignalRule> riskRules, int maxScore) {

    public SignalPolicy {
        opportunityRules = List.copyOf(opportunityRules);
        riskRules = List.copyOf(riskRules);
        if (maxScore <= 0) {
            throw new IllegalArgumentException("maxScore must be positive");
        }
    }

    /** The prototype's rules. */
    public static final SignalPolicy STANDARD = new SignalPolicy(
            List.of(
                    threshold("utilization_at_capacity", SignalField.UTILIZATION_PERCENT, AT_LEAST, 100, 3),
                    threshold("strong_growth", SignalField.YOY_GROWTH_PERCENT, GREATER_THAN, 50, 2),
                    threshold("underpriced", SignalField.MARKET_PRICE_PERCENTILE, AT_MOST, 25, 2),
                    threshold("high_adoption", SignalField.ADOPTION_RATE_PERCENT, GREATER_THAN, 80, 2),
                    threshold("high_revenue_tier", SignalField.REVENUE_IMPACT_TIER, AT_LEAST, 4, 1)),
            List.of(
                    new SignalRule.ValueOf("churn_risk", SignalField.CHURN_RISK_SCORE),
                    new SignalRule.NoStrongRelationship("weak_relationships", 2),
                    threshold("declining_usage", SignalField.USAGE_CHANGE_PERCENT_LAST_MONTH, LESS_THAN, -10, 2),
                    threshold("high_revenue_tier_at_risk", SignalField.REVENUE_IMPACT_TIER, AT_LEAST, 4, 1)),
            10);

    private static SignalRule threshold(String name, SignalField field, Comparison comparison, int threshold, int points) {
        return new SignalRule.Threshold(name, field, comparison, BigDecimal.valueOf(threshold), points);
    }
}
