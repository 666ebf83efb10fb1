package dev.orchestrator.core.domain.priority;

import dev.orchestrator.core.domain.explain.Contribution;
import java.util.List;

/** A priority score with its label and the contributions that add up to it. */
public record PriorityScore(int value, PriorityLabel label, List<Contribution> explanation) {
    public PriorityScore {
        explanation = List.copyOf(explanation);
    }
}
