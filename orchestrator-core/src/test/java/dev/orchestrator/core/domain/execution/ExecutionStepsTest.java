package dev.orchestrator.core.domain.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.lifecycle.Lifecycle;
import dev.orchestrator.core.domain.lifecycle.Transition;
import dev.orchestrator.core.domain.lifecycle.TransitionResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExecutionStepsTest {

    private static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");
    private static final ProfileId CSM = ProfileId.of(UUID.randomUUID());

    private static Map<String, Object> step(String key, boolean done, boolean optional) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("key", key);
        step.put("title", "Do " + key);
        step.put("done", done);
        step.put("optional", optional);
        step.put("due_at", null);
        step.put("selected_by", Map.of("risk_score", 7));
        return step;
    }

    private static JsonObject checklist() {
        return new JsonObject(Map.of("steps", List.of(step("call", false, false), step("plan", false, false),
                step("extra", false, true)), "notes", "hello"));
    }

    private static WorkflowExecution underway(JsonObject data) {
        WorkflowExecution created = WorkflowExecution.create(ExecutionId.of(UUID.randomUUID()),
                OrganizationId.of(UUID.randomUUID()), DefinitionId.of(UUID.randomUUID()),
                CustomerId.of(UUID.randomUUID()), CSM, false, 10, NOW).withExecutionData(data);
        return created.change().status(ExecutionStatus.UNDERWAY).startedAt(NOW).at(NOW);
    }

    private static JsonObject patch(Object steps) {
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("steps", steps);
        return new JsonObject(patch);
    }

    @Test
    void aPatchTicksStepsByKeyAndLeavesTheOthersAsTheyWere() {
        TransitionResult result = Lifecycle.apply(underway(checklist()), new Transition.UpdateData(),
                patch(List.of(Map.of("key", "plan", "done", true),
                        Map.of("key", "call", "done", false, "title", "Do call", "selected_by", Map.of("risk_score", 7.0)))),
                CSM, NOW);

        JsonObject data = ((TransitionResult.Applied) result).execution().executionData();
        assertThat((List<?>) data.values().get("steps")).extracting(s -> ((Map<?, ?>) s).get("key") + "=" + ((Map<?, ?>) s).get("done"))
                .containsExactly("call=false", "plan=true", "extra=false");
        assertThat(data.values()).containsEntry("notes", "hello");
        assertThat(ExecutionSteps.openRequired(data)).containsExactly(new ExecutionSteps.Open("call", "Do call"));
    }

    @Test
    void aPatchThatBreaksTheChecklistIsRefusedNamingThePath() {
        assertThat(refusal(List.of(Map.of("key", "nope", "done", true))))
                .startsWith("execution_data.steps[0].key must be the key of a step of this execution (its steps: call, plan, extra)");
        assertThat(refusal(List.of(Map.of("key", "call", "done", "yes"))))
                .isEqualTo("execution_data.steps[0].done must be true or false");
        assertThat(refusal(List.of(Map.of("key", "call", "done", true), Map.of("key", "plan", "done", true, "optional", true))))
                .startsWith("execution_data.steps[1].optional is set by the definition's template");
        assertThat(refusal(List.of(Map.of("key", "call", "done", true, "colour", "red"))))
                .startsWith("execution_data.steps[0].colour is not a part of a step");
        assertThat(refusal(List.of(Map.of("key", "call", "done", true), Map.of("key", "call", "done", false))))
                .isEqualTo("execution_data.steps[1].key names step call twice");
        assertThat(refusal("all done")).startsWith("execution_data.steps must be an array");
        assertThat(refusal(null)).startsWith("execution_data.steps cannot be removed");
        TransitionResult added = Lifecycle.apply(underway(JsonObject.EMPTY), new Transition.UpdateData(),
                patch(List.of(Map.of("key", "call", "done", true))), CSM, NOW);
        assertThat(added).isEqualTo(new TransitionResult.Invalid("execution_data.steps",
                "is the checklist of the definition's template steps, and this execution has none"));
    }

    private static String refusal(Object steps) {
        TransitionResult result = Lifecycle.apply(underway(checklist()), new Transition.UpdateData(), patch(steps), CSM, NOW);
        TransitionResult.Invalid invalid = (TransitionResult.Invalid) result;
        return invalid.field() + " " + invalid.message();
    }

    @Test
    void completingWithOpenRequiredStepsIsRefusedAndOptionalOnesDoNotBlock() {
        TransitionResult open = Lifecycle.apply(underway(checklist()), new Transition.Complete(),
                patch(List.of(Map.of("key", "call", "done", true))), CSM, NOW);
        assertThat(open).isEqualTo(new TransitionResult.StepsOpen(List.of(new ExecutionSteps.Open("plan", "Do plan"))));

        TransitionResult done = Lifecycle.apply(underway(checklist()), new Transition.Complete(),
                patch(List.of(Map.of("key", "call", "done", true), Map.of("key", "plan", "done", true))), CSM, NOW);
        assertThat(done).isInstanceOf(TransitionResult.Applied.class);
        assertThat(((TransitionResult.Applied) done).execution().status()).isEqualTo(ExecutionStatus.COMPLETED);

        TransitionResult noChecklist = Lifecycle.apply(underway(JsonObject.EMPTY), new Transition.Complete(), null, CSM, NOW);
        assertThat(noChecklist).isInstanceOf(TransitionResult.Applied.class);
    }
}
