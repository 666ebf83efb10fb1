package dev.orchestrator.core.domain.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.workflow.TriggerConditions;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SignalInterpreterTest {

    private static final OrganizationId ORG = OrganizationId.of(new UUID(9, 9));
    private static long next = 1;

    private static WorkflowDefinition definition(Map<String, ?> conditions, boolean active, boolean demo) {
        return new WorkflowDefinition(DefinitionId.of(new UUID(1, next++)), ORG, "d" + next, WorkflowType.RISK, null,
                new TriggerConditions(JsonObject.of(conditions)), 900, active, demo);
    }

    private static SignalScores scores(int opportunity, int risk) {
        return new SignalScores(new SignalScore(opportunity, List.of()), new SignalScore(risk, List.of()));
    }

    @Test
    void triggersWhenEveryNamedThresholdHolds() {
        WorkflowDefinition risk = definition(Map.of("risk_score_min", 7), true, false);
        WorkflowDefinition both = definition(Map.of("risk_score_min", 3, "opportunity_score_min", "6"), true, false);
        WorkflowDefinition opportunity = definition(Map.of("opportunity_score_min", 8.5, "workflow_id", "x"), true, false);

        assertThat(SignalInterpreter.definitionsToTrigger(scores(6, 7), List.of(risk, both, opportunity), Set.of()))
                .containsExactly(risk, both);
        assertThat(SignalInterpreter.definitionsToTrigger(scores(9, 2), List.of(risk, both, opportunity), Set.of()))
                .containsExactly(opportunity);
    }

    @Test
    void neverTriggersWithoutThresholdsForDemosInactiveOnesOrAlreadyActiveOnes() {
        WorkflowDefinition noThreshold = definition(Map.of("order", 1, "unknown_min", 0), true, false);
        WorkflowDefinition demo = definition(Map.of("risk_score_min", 0), true, true);
        WorkflowDefinition inactive = definition(Map.of("risk_score_min", 0), false, false);
        WorkflowDefinition active = definition(Map.of("risk_score_min", 0), true, false);
        WorkflowDefinition garbage = definition(Map.of("risk_score_min", "high"), true, false);

        assertThat(SignalInterpreter.definitionsToTrigger(scores(10, 10),
                List.of(noThreshold, demo, inactive, active, garbage), Set.of(active.id()))).isEmpty();
    }

    private static final java.time.LocalDate TODAY = java.time.LocalDate.of(2026, 3, 10);

    private static dev.orchestrator.core.domain.customer.CustomerDates dates(String renewal, String review) {
        return new dev.orchestrator.core.domain.customer.CustomerDates(
                renewal == null ? null : java.time.LocalDate.parse(renewal),
                review == null ? null : java.time.LocalDate.parse(review));
    }

    @Test
    void aDateWindowHoldsFromThatManyDaysPastToThatManyDaysAhead() {
        TriggerConditions renewal30 = new TriggerConditions(JsonObject.of(Map.of("renewal_within_days", 30)));
        for (String date : List.of("2026-04-09", "2026-03-10", "2026-02-08")) {
            assertThat(SignalInterpreter.triggers(renewal30, scores(0, 0), dates(date, null), TODAY)).as(date).isTrue();
        }
        for (String date : List.of("2026-04-10", "2026-02-07", "2027-03-10")) {
            assertThat(SignalInterpreter.triggers(renewal30, scores(0, 0), dates(date, null), TODAY)).as(date).isFalse();
        }
        assertThat(SignalInterpreter.triggers(renewal30, scores(10, 10), dates(null, "2026-03-10"), TODAY))
                .as("an unknown renewal date never fires").isFalse();
        TriggerConditions review7 = new TriggerConditions(JsonObject.of(Map.of("annual_review_within_days", 7)));
        assertThat(SignalInterpreter.triggers(review7, scores(0, 0), dates("2026-03-10", "2026-03-17"), TODAY)).isTrue();
        assertThat(SignalInterpreter.triggers(review7, scores(0, 0), dates("2026-03-10", "2026-03-18"), TODAY)).isFalse();
    }

    @Test
    void aWindowAndAThresholdMustBothHoldAndTheWorkIsDueOnTheWatchedDate() {
        WorkflowDefinition renewalAtRisk = definition(Map.of("renewal_within_days", 60, "risk_score_min", 6), true, false);
        WorkflowDefinition review = definition(Map.of("annual_review_within_days", 30), true, false);
        WorkflowDefinition both = definition(Map.of("renewal_within_days", 90, "annual_review_within_days", 90), true,
                false);
        WorkflowDefinition scoresOnly = definition(Map.of("risk_score_min", 6), true, false);
        List<WorkflowDefinition> all = List.of(renewalAtRisk, review, both, scoresOnly);

        assertThat(SignalInterpreter.triggered(scores(0, 7), dates("2026-04-30", "2026-03-01"), TODAY, all, Set.of()))
                .extracting(t -> t.definition().name() + " " + t.dueDate())
                .containsExactly(renewalAtRisk.name() + " 2026-04-30", review.name() + " 2026-03-01",
                        both.name() + " 2026-03-01", scoresOnly.name() + " null");
        assertThat(SignalInterpreter.triggered(scores(0, 5), dates("2026-04-30", "2026-03-01"), TODAY, all, Set.of()))
                .extracting(TriggeredWorkflow::definition).containsExactly(review, both);
        assertThat(SignalInterpreter.triggered(scores(0, 7), dates(null, null), TODAY, all, Set.of(scoresOnly.id())))
                .isEmpty();
        assertThat(new TriggeredWorkflow(review, java.time.LocalDate.parse("2026-03-01")).dueAt())
                .hasToString("2026-03-01T00:00:00Z");
    }

    @Test
    void theScoreOnlyReadingIgnoresDatesAsBefore() {
        WorkflowDefinition renewalOnly = definition(Map.of("renewal_within_days", 60), true, false);
        assertThat(SignalInterpreter.definitionsToTrigger(scores(10, 10), List.of(renewalOnly), Set.of())).isEmpty();
        assertThat(SignalInterpreter.triggered(scores(0, 0), dates("2026-03-10", null), TODAY, List.of(renewalOnly),
                Set.of())).hasSize(1);
    }
}
