package dev.orchestrator.core.domain.signals;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * The numeric customer signals a rule can look at; {@link #columnName()} is also the storage name
 * and the name in import files and the API. Each signal's {@link #range()} is the one rule of what
 * values it may take: the catalog validation reads it, and a test ties it to the schema's CHECKs.
 */
public enum SignalField {
    REVENUE_IMPACT_TIER("revenue_impact_tier", SignalRange.whole(0, 5), s -> decimal(s.revenueImpactTier())),
    CHURN_RISK_SCORE("churn_risk_score", SignalRange.whole(0, 10), s -> decimal(s.churnRiskScore())),
    USAGE_SCORE("usage_score", SignalRange.whole(0, 100), s -> decimal(s.usageScore())),
    HEALTH_SCORE("health_score", SignalRange.whole(0, 100), s -> decimal(s.healthScore())),
    UTILIZATION_PERCENT("utilization_percent", SignalRange.decimal(0, null, 7),
            CustomerSignals::utilizationPercent),
    YOY_GROWTH_PERCENT("yoy_growth_percent", SignalRange.decimal(null, null, 8), CustomerSignals::yoyGrowthPercent),
    MARKET_PRICE_PERCENTILE("market_price_percentile", SignalRange.decimal(0, 100, 5),
            CustomerSignals::marketPricePercentile),
    ADOPTION_RATE_PERCENT("adoption_rate_percent", SignalRange.decimal(0, 100, 5),
            CustomerSignals::adoptionRatePercent),
    USAGE_CHANGE_PERCENT_LAST_MONTH("usage_change_percent_last_month", SignalRange.decimal(null, null, 7),
            CustomerSignals::usageChangePercentLastMonth);

    private final String columnName;
    private final SignalRange range;
    private final Function<CustomerSignals, BigDecimal> reader;

    SignalField(String columnName, SignalRange range, Function<CustomerSignals, BigDecimal> reader) {
        this.columnName = columnName;
        this.range = range;
        this.reader = reader;
    }

    public String columnName() {
        return columnName;
    }

    /** The values the signal may take. */
    public SignalRange range() {
        return range;
    }

    /** The signal's value for a customer, or null when it is unknown. */
    public BigDecimal valueIn(CustomerSignals signals) {
        return reader.apply(signals);
    }

    public static Optional<SignalField> fromColumnName(String name) {
        return Arrays.stream(values()).filter(f -> f.columnName.equals(name)).findFirst();
    }

    private static BigDecimal decimal(Integer value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }
}
