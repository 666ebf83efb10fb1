package dev.orchestrator.core.domain.signals;

import java.math.BigDecimal;
import java.util.function.Function;

/** The numeric customer signals a rule can look at; {@link #columnName()} is also the storage name. */
public enum SignalField {
    REVENUE_IMPACT_TIER("revenue_impact_tier", s -> decimal(s.revenueImpactTier())),
    CHURN_RISK_SCORE("churn_risk_score", s -> decimal(s.churnRiskScore())),
    USAGE_SCORE("usage_score", s -> decimal(s.usageScore())),
    HEALTH_SCORE("health_score", s -> decimal(s.healthScore())),
    UTILIZATION_PERCENT("utilization_percent", CustomerSignals::utilizationPercent),
    YOY_GROWTH_PERCENT("yoy_growth_percent", CustomerSignals::yoyGrowthPercent),
    MARKET_PRICE_PERCENTILE("market_price_percentile", CustomerSignals::marketPricePercentile),
    ADOPTION_RATE_PERCENT("adoption_rate_percent", CustomerSignals::adoptionRatePercent),
    USAGE_CHANGE_PERCENT_LAST_MONTH("usage_change_percent_last_month", CustomerSignals::usageChangePercentLastMonth);

    private final String columnName;
    private final Function<CustomerSignals, BigDecimal> reader;

    SignalField(String columnName, Function<CustomerSignals, BigDecimal> reader) {
        this.columnName = columnName;
        this.reader = reader;
    }

    public String columnName() {
        return columnName;
    }

    /** The signal's value for a customer, or null when it is unknown. */
    public BigDecimal valueIn(CustomerSignals signals) {
        return reader.apply(signals);
    }

    private static BigDecimal decimal(Integer value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }
}
