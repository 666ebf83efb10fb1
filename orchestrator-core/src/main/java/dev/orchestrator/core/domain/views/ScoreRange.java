package dev.orchestrator.core.domain.views;

import dev.orchestrator.core.domain.priority.PriorityLabel;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import java.util.OptionalInt;

/**
 * The stored scores that carry one label, as a range: {@code min} inclusive, {@code maxExclusive}
 * exclusive, each absent when unbounded. Derived from the policy's {@link PriorityPolicy.LabelThresholds}
 * so that SQL can filter by label on the score column (and its index) and agree with
 * {@code LabelThresholds.labelFor} (ScoreRangeTest checks every score near the thresholds).
 */
public record ScoreRange(OptionalInt min, OptionalInt maxExclusive) {

    public static ScoreRange of(PriorityPolicy.LabelThresholds labels, PriorityLabel label) {
        return switch (label) {
            case CRITICAL -> new ScoreRange(OptionalInt.of(labels.critical()), OptionalInt.empty());
            case HIGH -> new ScoreRange(OptionalInt.of(labels.high()), OptionalInt.of(labels.critical()));
            case MEDIUM -> new ScoreRange(OptionalInt.of(labels.medium()), OptionalInt.of(labels.high()));
            case LOW -> new ScoreRange(OptionalInt.empty(), OptionalInt.of(labels.medium()));
        };
    }

    public boolean contains(int score) {
        return (min.isEmpty() || score >= min.getAsInt()) && (maxExclusive.isEmpty() || score < maxExclusive.getAsInt());
    }
}
