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
}
