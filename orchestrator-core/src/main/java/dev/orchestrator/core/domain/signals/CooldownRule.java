package dev.orchestrator.core.domain.signals;

import dev.orchestrator.core.domain.workflow.TriggerConditions;
import java.time.Duration;
import java.time.Instant;

/**
 * Cooldown: after an execution of (customer, definition) is completed or skipped, interpretation creates
 * no new one for the definition's {@code cooldown_days} ({@link TriggerConditions#cooldownDays()}, 30 when
 * absent). So a skipped item stays gone. A day is 24 hours here, in Java and in SQL alike, so that time
 * zones and daylight saving cannot make the two disagree.
 */
public final class CooldownRule {

    private CooldownRule() {
    }

    /** Whether a (customer, definition) pair whose latest execution closed at {@code closedAt} is still cooling down. */
    public static boolean cooling(TriggerConditions conditions, Instant closedAt, Instant now) {
        return closedAt != null && closedAt.plus(Duration.ofHours(24L * conditions.cooldownDays())).isAfter(now);
    }
}
