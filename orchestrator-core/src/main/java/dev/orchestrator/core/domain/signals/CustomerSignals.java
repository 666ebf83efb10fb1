package dev.orchestrator.core.domain.signals;

import java.math.BigDecimal;

/**
 * What is known about a customer's health and potential. Every signal is nullable: a missing signal
 * contributes nothing to any score. {@code hasStrongContact} is true when at least one contact's
 * relationship is rated strong; a customer with no contacts at all has none.
 */
public record CustomerSignals(
        Integer revenueImpactTier,
        Integer churnRiskScore,
        Integer usageScore,
        Integer healthScore,
        BigDecimal utilizationPercent,
        BigDecimal yoyGrowthPercent,
        BigDecimal marketPricePercentile,
        BigDecimal adoptionRatePercent,
        BigDecimal usageChangePercentLastMonth,
        boolean hasStrongContact) {

    /** A customer nothing is known about. */
    public static final CustomerSignals NONE =
            new CustomerSignals(null, null, null, null, null, null, null, null, null, false);
}
