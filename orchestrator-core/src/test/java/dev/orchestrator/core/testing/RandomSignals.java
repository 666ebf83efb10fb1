package dev.orchestrator.core.testing;

import dev.orchestrator.core.domain.signals.CustomerSignals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

/** Random customer signals, each one missing now and then, with values around every rule's threshold. */
public final class RandomSignals {

    private final Random random;

    public RandomSignals(Random random) {
        this.random = random;
    }

    /** Null one time in {@code 1/nullShare}: no properties row at all. */
    public CustomerSignals next() {
        if (random.nextInt(10) == 0) {
            return null;
        }
        return new CustomerSignals(
                maybe(() -> random.nextInt(6)),
                maybe(() -> random.nextInt(11)),
                maybe(() -> random.nextInt(101)),
                maybe(() -> random.nextInt(101)),
                maybe(() -> decimal(80, 130)),
                maybe(() -> decimal(-40, 120)),
                maybe(() -> decimal(0, 100)),
                maybe(() -> decimal(50, 100)),
                maybe(() -> decimal(-30, 20)),
                random.nextBoolean());
    }

    private <T> T maybe(java.util.function.Supplier<T> value) {
        return random.nextInt(6) == 0 ? null : value.get();
    }

    /** Two decimals; a quarter of the time a whole number, so that thresholds are hit exactly. */
    private BigDecimal decimal(int min, int max) {
        if (random.nextInt(4) == 0) {
            return BigDecimal.valueOf(min + random.nextInt(max - min + 1)).setScale(2, RoundingMode.UNNECESSARY);
        }
        return BigDecimal.valueOf(min * 100L + random.nextInt((max - min) * 100 + 1), 2);
    }
}
