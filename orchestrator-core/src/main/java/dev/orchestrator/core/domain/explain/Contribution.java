package dev.orchestrator.core.domain.explain;

import java.util.Objects;

/**
 * One line of an explanation: which rule contributed how many points, and why in words a CSM reads.
 * Scores are never shown without the list of contributions that add up to them.
 */
public record Contribution(String rule, int points, String detail) {
    public Contribution {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detail, "detail");
    }
}
