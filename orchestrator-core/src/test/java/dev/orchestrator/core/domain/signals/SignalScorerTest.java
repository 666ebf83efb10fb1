package dev.orchestrator.core.domain.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.explain.Contribution;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SignalScorerTest {

    private final SignalScorer scorer = new SignalScorer(SignalPolicy.STANDARD);

    private static CustomerSignals signals(Integer tier, Integer churn, String utilization, String growth,
            String percentile, String adoption, String usageChange, boolean strongContact) {
        return new CustomerSignals(tier, churn, null, null, dec(utilization), dec(growth), dec(percentile),
                dec(adoption), dec(usageChange), strongContact);
    }

    private static BigDecimal dec(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    @Test
    void opportunityAddsEachRuleThatHolds() {
        SignalScore score = scorer.score(signals(4, null, "100", "50.01", "25", "80.5", null, true)).opportunity();

        assertThat(score.value()).isEqualTo(10);
        assertThat(score.explanation()).extracting(Contribution::rule).containsExactly(
                "utilization_at_capacity", "strong_growth", "underpriced", "high_adoption", "high_revenue_tier");
    }

    @Test
    void opportunityThresholdsAreStrictWhereTheRulesSaySo() {
        SignalScore score = scorer.score(signals(3, null, "99.99", "50", "25.01", "80", null, true)).opportunity();

        assertThat(score.value()).isZero();
        assertThat(score.explanation()).isEmpty();
    }

    @Test
    void riskStartsFromChurnAndAddsRelationshipUsageAndTier() {
        SignalScore score = scorer.score(signals(5, 4, null, null, null, null, "-10.01", false)).risk();

        assertThat(score.value()).isEqualTo(4 + 2 + 2 + 1);
        assertThat(score.explanation()).extracting(Contribution::rule).containsExactly(
                "churn_risk", "weak_relationships", "declining_usage", "high_revenue_tier_at_risk");
    }

    @Test
    void riskIsCappedAtTenAndTheCapIsExplained() {
        SignalScore score = scorer.score(signals(5, 9, null, null, null, null, "-50", false)).risk();

        assertThat(score.value()).isEqualTo(10);
        assertThat(score.explanation()).last().isEqualTo(new Contribution(SignalScorer.CAP, -4, "capped at 10"));
        assertThat(score.explanation().stream().mapToInt(Contribution::points).sum()).isEqualTo(10);
    }

    @Test
    void aCustomerWithoutSignalsScoresOnlyForHavingNoStrongContact() {
        SignalScores scores = scorer.score(CustomerSignals.NONE);

        assertThat(scores.opportunity().value()).isZero();
        assertThat(scores.risk().value()).isEqualTo(2);
    }

    @Test
    void usageDeclineOfExactlyTenPercentIsNotADecline() {
        assertThat(scorer.score(signals(null, 0, null, null, null, null, "-10", true)).risk().value()).isZero();
    }
}
