package dev.orchestrator.core.domain.signals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The values one signal may take: whole numbers within bounds, or decimals kept with two places
 * (rounded half up, as PostgreSQL's NUMERIC(precision, 2) does) with at most {@code precision}
 * digits in all. A null bound is open.
 */
public record SignalRange(BigDecimal min, BigDecimal max, boolean wholeNumber, int precision) {

    static SignalRange whole(long min, long max) {
        return new SignalRange(BigDecimal.valueOf(min), BigDecimal.valueOf(max), true, 0);
    }

    static SignalRange decimal(Integer min, Integer max, int precision) {
        return new SignalRange(min == null ? null : BigDecimal.valueOf(min), max == null ? null : BigDecimal.valueOf(max),
                false, precision);
    }

    /** Decimal places kept for a decimal signal. */
    public static final int SCALE = 2;

    /** The value as it will be stored, or why it cannot be. */
    public Optional<String> problem(BigDecimal value) {
        if (wholeNumber && value.stripTrailingZeros().scale() > 0) {
            return Optional.of("must be a whole number");
        }
        BigDecimal stored = normalize(value);
        if (min != null && max != null && (stored.compareTo(min) < 0 || stored.compareTo(max) > 0)) {
            return Optional.of("must be between " + min.toPlainString() + " and " + max.toPlainString());
        }
        if (min != null && max == null && stored.compareTo(min) < 0) {
            return Optional.of("must be at least " + min.toPlainString());
        }
        if (!wholeNumber && stored.precision() > precision) {
            return Optional.of("must be less than " + BigDecimal.TEN.pow(precision - SCALE).toPlainString()
                    + " in size");
        }
        return Optional.empty();
    }

    /** The value as stored: whole numbers as they are, decimals with two places. */
    public BigDecimal normalize(BigDecimal value) {
        return wholeNumber ? value.stripTrailingZeros() : value.setScale(SCALE, RoundingMode.HALF_UP);
    }
}
