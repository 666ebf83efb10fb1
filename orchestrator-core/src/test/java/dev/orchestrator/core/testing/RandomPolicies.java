package dev.orchestrator.core.testing;

import dev.orchestrator.core.domain.policy.Policies;
import dev.orchestrator.core.domain.policy.PolicyWire;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.signals.Comparison;
import dev.orchestrator.core.domain.signals.SignalField;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.core.domain.signals.SignalRule;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Valid random policies, for the tests that must hold for any policy an admin may apply (the SQL
 * translations equal the Java rules, the wire format round-trips), not only for the standard one.
 * The ranges are wide enough to reorder everything (negative tiers, snoozed work below or above
 * active work, due points that beat a tier) and stay within what {@code PolicyWire} accepts.
 */
public final class RandomPolicies {

    private final Random random;

    public RandomPolicies(Random random) {
        this.random = random;
    }

    public Policies next() {
        return new Policies(priority(), signals());
    }

    public PriorityPolicy priority() {
        Map<WorkflowType, Integer> tiers = new EnumMap<>(WorkflowType.class);
        for (WorkflowType type : WorkflowType.values()) {
            tiers.put(type, between(-1_000, 3_000));
        }
        int medium = between(-500, 1_000);
        int high = medium + between(1, 500);
        int critical = high + between(1, 500);
        return new PriorityPolicy(tiers, between(0, 50), between(0, 50), types(), between(1, 100), types(),
                new PriorityPolicy.SnoozeRanking(between(0, 10), between(-1_000, 3_000), between(-1_000, 3_000)),
                new PriorityPolicy.LabelThresholds(critical, high, medium),
                new PriorityPolicy.DueProximity(between(0, 60), between(0, 300)));
    }

    public SignalPolicy signals() {
        return new SignalPolicy(rules("o"), rules("r"), between(1, 30));
    }

    private List<SignalRule> rules(String prefix) {
        List<SignalRule> rules = new ArrayList<>();
        int count = between(0, 6);
        for (int i = 0; i < count; i++) {
            String name = prefix + "_rule_" + i;
            int kind = random.nextInt(5);
            if (kind == 0) {
                List<SignalField> whole = java.util.Arrays.stream(SignalField.values())
                        .filter(f -> f.range().wholeNumber()).toList();
                rules.add(new SignalRule.ValueOf(name, whole.get(random.nextInt(whole.size()))));
            } else if (kind == 1) {
                rules.add(new SignalRule.NoStrongRelationship(name, between(-3, 5)));
            } else {
                SignalField field = SignalField.values()[random.nextInt(SignalField.values().length)];
                Comparison comparison = Comparison.values()[random.nextInt(Comparison.values().length)];
                rules.add(new SignalRule.Threshold(name, field, comparison, PolicyWire.canonical(threshold(field)),
                        between(-3, 6)));
            }
        }
        return rules;
    }

    /** A threshold the signal may take: whole for whole-number signals, else with up to two places. */
    private BigDecimal threshold(SignalField field) {
        BigDecimal min = field.range().min() == null ? BigDecimal.valueOf(-100) : field.range().min();
        BigDecimal max = field.range().max() == null ? min.add(BigDecimal.valueOf(200)) : field.range().max();
        int span = max.subtract(min).intValue();
        if (field.range().wholeNumber()) {
            return min.add(BigDecimal.valueOf(random.nextInt(span + 1)));
        }
        BigDecimal value = min.add(BigDecimal.valueOf(random.nextInt(span * 100 + 1), 2));
        return random.nextBoolean() ? value.setScale(0, java.math.RoundingMode.DOWN) : value;
    }

    private Set<WorkflowType> types() {
        Set<WorkflowType> types = EnumSet.noneOf(WorkflowType.class);
        for (WorkflowType type : WorkflowType.values()) {
            if (random.nextBoolean()) {
                types.add(type);
            }
        }
        return types;
    }

    private int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }
}
