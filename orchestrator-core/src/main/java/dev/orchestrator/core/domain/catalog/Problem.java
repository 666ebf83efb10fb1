package dev.orchestrator.core.domain.catalog;

import java.util.Objects;

/**
 * One thing wrong with incoming catalog data: the field, as a path such as
 * {@code customers[3].properties.churn_risk_score}, and the reason in words a person can act on.
 */
public record Problem(String field, String reason) {
    public Problem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
