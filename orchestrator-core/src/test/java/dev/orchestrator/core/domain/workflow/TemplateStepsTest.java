package dev.orchestrator.core.domain.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.signals.Comparison;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.signals.SignalField;
import dev.orchestrator.core.domain.signals.SignalScore;
import dev.orchestrator.core.domain.signals.SignalScores;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateStepsTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-03-10");

    private static SignalScores scores(int opportunity, int risk) {
        return new SignalScores(new SignalScore(opportunity, List.of()), new SignalScore(risk, List.of()));
    }

    private static CustomerSignals usage(Integer usage) {
        return new CustomerSignals(null, null, usage, null, null, null, null, null, null, false);
    }

    @Test
    void readsTheWireFormAndWritesItBackCanonically() {
        List<Object> wire = List.of(
                Map.of("key", "call", "title", "  Call the champion "),
                Map.of("key", "plan", "title", "Agree a recovery plan", "due_offset_days", 7, "optional", true,
                        "when", Map.of("risk_score_min", "6.0", "signals",
                                List.of(Map.of("field", "usage_score", "comparison", "less_than", "threshold", 40.0)))));

        TemplateSteps.Reading reading = TemplateSteps.read(wire, "steps", 10);

        assertThat(reading.problems()).isEmpty();
        assertThat(reading.steps()).containsExactly(
                new TemplateStep("call", "Call the champion", null, null, false),
                new TemplateStep("plan", "Agree a recovery plan", new StepCondition(null, new BigDecimal("6"),
                        List.of(new StepCondition.OnSignal(SignalField.USAGE_SCORE, Comparison.LESS_THAN,
                                new BigDecimal("40")))), 7, true));
        assertThat(TemplateSteps.read(TemplateSteps.toJson(reading.steps()), "steps", 10).steps())
                .isEqualTo(reading.steps());
        assertThat(TemplateSteps.toJson(reading.steps()).get(1).toString())
                .isEqualTo("{key=plan, title=Agree a recovery plan, when={risk_score_min=6, signals=[{field=usage_score,"
                        + " comparison=less_than, threshold=40}]}, due_offset_days=7, optional=true}");
    }

    @Test
    void namesEveryProblemByItsPath() {
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("key", "Bad Key");
        bad.put("title", "");
        bad.put("due_offset_days", 400);
        bad.put("optional", "yes");
        bad.put("colour", "red");
        bad.put("when", Map.of("risk_score_min", 11, "signals", List.of(
                Map.of("field", "mood", "comparison", "about", "threshold", "x"),
                Map.of("field", "usage_score", "comparison", "at_most", "threshold", 150))));
        List<Object> wire = List.of(Map.of("key", "a", "title", "A"), Map.of("key", "a", "title", "again"),
                bad, "not a step", Map.of("key", "e", "title", "E", "when", Map.of()));

        List<Map.Entry<String, String>> problems = TemplateSteps.read(wire, "steps", 10).problems();

        assertThat(problems).extracting(Map.Entry::getKey).containsExactlyInAnyOrder(
                "steps[1].key", "steps[2].colour", "steps[2].key", "steps[2].title", "steps[2].due_offset_days",
                "steps[2].optional", "steps[2].when.risk_score_min", "steps[2].when.signals[0].field",
                "steps[2].when.signals[0].comparison", "steps[2].when.signals[0].threshold",
                "steps[2].when.signals[1].threshold", "steps[3]", "steps[4].when");
        assertThat(problems).contains(Map.entry("steps[2].when.risk_score_min",
                "must be from 0 to 10 (scores are capped at 10)"));
        assertThat(TemplateSteps.read("a list", "steps", 10).problems())
                .containsExactly(Map.entry("steps", "must be an array of steps"));
    }

    @Test
    void instantiatesTheStepsWhoseConditionHoldsWithTheSignalsThatSelectedThem() {
        List<TemplateStep> steps = List.of(
                new TemplateStep("always", "Review the account", null, 3, false),
                new TemplateStep("risky", "Call the sponsor", new StepCondition(null, new BigDecimal("6"), List.of()),
                        null, false),
                new TemplateStep("low-usage", "Run a training", new StepCondition(new BigDecimal("2"), null,
                        List.of(new StepCondition.OnSignal(SignalField.USAGE_SCORE, Comparison.LESS_THAN,
                                new BigDecimal("40")))), 14, true));

        List<Map<String, Object>> lowUsage = TemplateSteps.instantiate(steps, usage(35), scores(3, 5), TODAY);
        List<Map<String, Object>> unknownUsage = TemplateSteps.instantiate(steps, usage(null), scores(3, 7), TODAY);

        assertThat(lowUsage).extracting(s -> s.get("key")).containsExactly("always", "low-usage");
        assertThat(lowUsage.get(0)).containsEntry("due_at", "2026-03-13T00:00:00Z").containsEntry("done", false)
                .containsEntry("optional", false).containsEntry("selected_by", Map.of());
        assertThat(lowUsage.get(1)).containsEntry("due_at", "2026-03-24T00:00:00Z").containsEntry("optional", true)
                .containsEntry("selected_by", Map.of("opportunity_score", 3, "usage_score", new BigDecimal("35")));
        // An unknown signal meets no condition on it; the risk step now holds.
        assertThat(unknownUsage).extracting(s -> s.get("key")).containsExactly("always", "risky");
        assertThat(unknownUsage.get(1)).containsEntry("selected_by", Map.of("risk_score", 7))
                .containsEntry("due_at", null);
    }
}
