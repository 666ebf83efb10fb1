package dev.orchestrator.core.domain.signals;

import dev.orchestrator.core.domain.explain.Contribution;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Computes a customer's opportunity and risk scores under a {@link SignalPolicy}. */
public final class SignalScorer {

    public static final String CAP = "cap";

    private final SignalPolicy policy;

    public SignalScorer(SignalPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public SignalPolicy policy() {
        return policy;
    }

    public SignalScores score(CustomerSignals signals) {
        return new SignalScores(score(policy.opportunityRules(), signals), score(policy.riskRules(), signals));
    }

    private SignalScore score(List<SignalRule> rules, CustomerSignals signals) {
        List<Contribution> parts = new ArrayList<>();
        for (SignalRule rule : rules) {
            contribution(rule, signals).ifPresent(parts::add);
        }
        int total = parts.stream().mapToInt(Contribution::points).sum();
        if (total > policy.maxScore()) {
            parts.add(new Contribution(CAP, policy.maxScore() - total, "capped at " + policy.maxScore()));
            total = policy.maxScore();
        }
        return new SignalScore(total, parts);
    }

    private static Optional<Contribution> contribution(SignalRule rule, CustomerSignals signals) {
        if (rule instanceof SignalRule.Threshold threshold) {
            BigDecimal value = threshold.field().valueIn(signals);
            if (value != null && threshold.comparison().holds(value, threshold.threshold())) {
                return Optional.of(new Contribution(rule.name(), threshold.points(),
                        threshold.field().columnName() + " " + value.stripTrailingZeros().toPlainString() + " "
                                + threshold.comparison().symbol() + " " + threshold.threshold().toPlainString()));
            }
        } else if (rule instanceof SignalRule.ValueOf valueOf) {
            BigDecimal value = valueOf.field().valueIn(signals);
            if (value != null) {
                return Optional.of(new Contribution(rule.name(), value.intValueExact(),
                        valueOf.field().columnName() + " " + value.toPlainString()));
            }
        } else if (rule instanceof SignalRule.NoStrongRelationship weak) {
            if (!signals.hasStrongContact()) {
                return Optional.of(new Contribution(rule.name(), weak.points(),
                        "no contact with a strong relationship"));
            }
        }
        return Optional.empty();
    }
}
