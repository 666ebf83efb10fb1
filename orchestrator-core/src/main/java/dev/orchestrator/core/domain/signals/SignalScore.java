package dev.orchestrator.core.domain.signals;

import dev.orchestrator.core.domain.explain.Contribution;
import java.util.List;

/** A signal score (0..max) with the rules that made it. */
public record SignalScore(int value, List<Contribution> explanation) {
    public SignalScore {
        explanation = List.copyOf(explanation);
    }
}
