package dev.orchestrator.core.domain.priority;

import dev.orchestrator.core.domain.explain.Contribution;
import java.util.List;

/**
 * A priority score with its label and the contributions that add up to it, and the version of the
 * organization's policies that scored it ({@code PolicyVersion}; null where no stored policies were
 * involved, e.g. an evaluator used on its own).
 */
public record PriorityScore(int value, PriorityLabel label, List<Contribution> explanation, Long policyVersion) {
    public PriorityScore {
        explanation = List.copyOf(explanation);
    }

    /** A score not (yet) tied to a policy version. */
    public PriorityScore(int value, PriorityLabel label, List<Contribution> explanation) {
        this(value, label, explanation, null);
    }

    /** The same score, said to be scored by policy version {@code version}. */
    public PriorityScore scoredBy(long version) {
        return new PriorityScore(value, label, explanation, version);
    }
}
