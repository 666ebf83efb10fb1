package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.lifecycle.Transition;
import dev.orchestrator.core.domain.priority.PriorityScore;

/**
 * Moves an execution along its lifecycle (start, complete, snooze, skip, escalate, wake, save
 * progress), recomputing its priority in the same write.
 */
public interface TransitionExecution {

    /** {@code dataPatch} (nullable) is merged into the execution data as a JSON Merge Patch. */
    Result<Outcome> transition(Profile caller, ExecutionId executionId, Transition transition, JsonObject dataPatch);

    record Outcome(WorkflowExecution execution, PriorityScore priority) {
    }
}
