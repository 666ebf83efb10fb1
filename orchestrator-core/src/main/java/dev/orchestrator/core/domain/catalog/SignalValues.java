package dev.orchestrator.core.domain.catalog;

import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.signals.SignalField;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Signal values of one customer, by field. As a full set (an import's {@code properties}) a
 * missing field is unknown; as a patch ({@code PATCH …/signals}) only the fields present change,
 * and a field present with null clears it.
 */
public record SignalValues(Map<SignalField, BigDecimal> values) {

    public static final SignalValues NONE = new SignalValues(Map.of());

    public SignalValues {
        EnumMap<SignalField, BigDecimal> copy = new EnumMap<>(SignalField.class);
        copy.putAll(values);
        values = Collections.unmodifiableMap(copy);
    }

    public BigDecimal valueOf(SignalField field) {
        return values.get(field);
    }

    /** These values with {@code patch} applied on top. */
    public SignalValues patchedWith(SignalValues patch) {
        EnumMap<SignalField, BigDecimal> merged = new EnumMap<>(SignalField.class);
        merged.putAll(values);
        merged.putAll(patch.values);
        return new SignalValues(merged);
    }

    /** The current values of a customer, read back from its signals. */
    public static SignalValues of(CustomerSignals signals) {
        EnumMap<SignalField, BigDecimal> values = new EnumMap<>(SignalField.class);
        for (SignalField field : SignalField.values()) {
            BigDecimal value = field.valueIn(signals);
            if (value != null) {
                values.put(field, value);
            }
        }
        return new SignalValues(values);
    }

    /** As the scorers read them; {@code hasStrongContact} comes from the customer's contacts. */
    public CustomerSignals toSignals(boolean hasStrongContact) {
        return new CustomerSignals(whole(SignalField.REVENUE_IMPACT_TIER), whole(SignalField.CHURN_RISK_SCORE),
                whole(SignalField.USAGE_SCORE), whole(SignalField.HEALTH_SCORE),
                values.get(SignalField.UTILIZATION_PERCENT), values.get(SignalField.YOY_GROWTH_PERCENT),
                values.get(SignalField.MARKET_PRICE_PERCENTILE), values.get(SignalField.ADOPTION_RATE_PERCENT),
                values.get(SignalField.USAGE_CHANGE_PERCENT_LAST_MONTH), hasStrongContact);
    }

    private Integer whole(SignalField field) {
        BigDecimal value = values.get(field);
        return value == null ? null : value.intValueExact();
    }
}
