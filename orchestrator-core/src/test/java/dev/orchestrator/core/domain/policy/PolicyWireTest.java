package dev.orchestrator.core.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.catalog.Problem;
import dev.orchestrator.core.domain.catalog.Problems;
import dev.orchestrator.core.testing.RandomPolicies;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The policy wire format: round trips, and every problem of a bad document named by its path. */
class PolicyWireTest {

    @Test
    void theStandardPoliciesAndRandomOnesRoundTrip() {
        assertThat(roundTrip(Policies.STANDARD)).contains(Policies.STANDARD);
        RandomPolicies random = new RandomPolicies(new Random(42));
        for (int i = 0; i < 200; i++) {
            Policies policies = random.next();
            assertThat(roundTrip(policies)).as("policy %d", i).contains(policies);
        }
    }

    @Test
    void anAbsentPartIsTheBasesOwn() {
        Policies base = new RandomPolicies(new Random(1)).next();
        Map<String, Object> onlyPriority = new LinkedHashMap<>(PolicyWire.write(Policies.STANDARD));
        onlyPriority.remove(PolicyWire.SIGNALS);
        assertThat(PolicyWire.read(onlyPriority, base, new Problems()))
                .contains(new Policies(Policies.STANDARD.priority(), base.signals()));
        assertThat(PolicyWire.read(Map.of(), base, new Problems())).contains(base);
    }

    @Test
    void aMissingTierANegativeDivisorDisorderedThresholdsAndAnUnknownKeyAreEachNamed() {
        Map<String, Object> json = mutable(PolicyWire.write(Policies.STANDARD));
        Map<String, Object> priority = child(json, "priority_policy");
        child(priority, "type_tiers").remove("renewal");
        priority.put("usage_score_divisor", -10);
        child(priority, "labels").put("high", 950);
        priority.put("bonus", 1);
        json.put("colour", "red");

        Problems problems = new Problems();
        assertThat(PolicyWire.read(json, Policies.STANDARD, problems)).isEmpty();

        assertThat(problems.kept()).extracting(Problem::field).containsExactlyInAnyOrder(
                "colour", "priority_policy.bonus", "priority_policy.type_tiers.renewal",
                "priority_policy.usage_score_divisor", "priority_policy.labels.high");
        assertThat(reason(problems, "priority_policy.type_tiers.renewal")).isEqualTo("missing");
        assertThat(reason(problems, "priority_policy.usage_score_divisor")).isEqualTo("must be between 1 and 100");
        assertThat(reason(problems, "priority_policy.labels.high")).isEqualTo("must be below critical (900)");
        assertThat(reason(problems, "colour")).startsWith("is not a known key");
    }

    @Test
    void badSignalRulesAreNamedByTheirIndex() {
        Map<String, Object> json = mutable(PolicyWire.write(Policies.STANDARD));
        Map<String, Object> signals = child(json, "signal_policy");
        @SuppressWarnings("unchecked")
        List<Object> risk = (List<Object>) signals.get("risk_rules");
        risk.add(Map.of("kind", "value_of", "name", "churn_risk", "field", "utilization_percent"));
        risk.add(Map.of("kind", "threshold", "name", "x", "field", "churn_risk_score", "comparison", "above",
                "threshold", 11, "points", 2));
        risk.add(Map.of("kind", "magic", "name", "y"));
        signals.put("max_score", 0);

        Problems problems = new Problems();
        assertThat(PolicyWire.read(json, Policies.STANDARD, problems)).isEmpty();

        assertThat(problems.kept()).extracting(Problem::field).containsExactlyInAnyOrder(
                "signal_policy.risk_rules[4].field", "signal_policy.risk_rules[5].comparison",
                "signal_policy.risk_rules[5].threshold", "signal_policy.risk_rules[6].kind",
                "signal_policy.max_score");
        assertThat(reason(problems, "signal_policy.risk_rules[5].threshold")).isEqualTo("must be between 0 and 10");
    }

    @Test
    void aDuplicateRuleNameAndWrongTypesAreRefused() {
        Map<String, Object> json = mutable(PolicyWire.write(Policies.STANDARD));
        Map<String, Object> signals = child(json, "signal_policy");
        @SuppressWarnings("unchecked")
        List<Object> risk = (List<Object>) signals.get("risk_rules");
        risk.add(Map.of("kind", "no_strong_relationship", "name", "churn_risk", "points", 1));
        child(json, "priority_policy").put("churn_risk_types", List.of("risk", "nonsense"));
        child(json, "priority_policy").put("snooze", "soon");

        Problems problems = new Problems();
        assertThat(PolicyWire.read(json, Policies.STANDARD, problems)).isEmpty();
        assertThat(problems.kept()).extracting(Problem::field).containsExactlyInAnyOrder(
                "signal_policy.risk_rules[4].name", "priority_policy.churn_risk_types[1]", "priority_policy.snooze");
    }

    private static Optional<Policies> roundTrip(Policies policies) {
        Problems problems = new Problems();
        Optional<Policies> read = PolicyWire.read(PolicyWire.write(policies), Policies.STANDARD, problems);
        assertThat(problems.kept()).isEmpty();
        return read;
    }

    private static String reason(Problems problems, String field) {
        return problems.kept().stream().filter(p -> p.field().equals(field)).findFirst().orElseThrow().reason();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> json, String key) {
        return (Map<String, Object>) json.get(key);
    }

    /** A deep mutable copy of written JSON. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> mutable(Map<String, Object> json) {
        Map<String, Object> copy = new HashMap<>();
        json.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? mutable((Map<String, Object>) m)
                : v instanceof List<?> l ? new java.util.ArrayList<>(l.stream()
                        .map(e -> e instanceof Map<?, ?> m ? (Object) mutable((Map<String, Object>) m) : e).toList())
                        : v));
        return copy;
    }
}
