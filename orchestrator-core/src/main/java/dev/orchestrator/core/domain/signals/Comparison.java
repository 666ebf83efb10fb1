package dev.orchestrator.core.domain.signals;

import java.math.BigDecimal;

/** How a signal is compared with a rule's threshold. */
public enum Comparison {
    GREATER_THAN(">"),
    AT_LEAST("≥"),
    LESS_THAN("<"),
    AT_MOST("≤");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean holds(BigDecimal value, BigDecimal threshold) {
        int order = value.compareTo(threshold);
        return switch (this) {
            case GREATER_THAN -> order > 0;
            case AT_LEAST -> order >= 0;
            case LESS_THAN -> order < 0;
            case AT_MOST -> order <= 0;
        };
    }
}
