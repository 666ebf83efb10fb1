package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
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

    /**
     * {@link #transition}, only if the execution is still at {@code expectedVersion} (what a plan, such
     * as a rebalance proposal, was made on): otherwise {@code Failure.Stale} with the stored version, and
     * nothing written.
     */
    Result<Outcome> transition(Profile caller, ExecutionId executionId, Transition transition, JsonObject dataPatch,
            long expectedVersion);

    /**
     * Moves the execution to {@code change.status()}, as a client that only knows statuses asks for it
     * (the dashboard's PATCH .../status). The action is the lifecycle's: the requested status being the
     * current one means saving progress ({@code dataPatch}), except that a snoozed execution asked to
     * be snoozed again with {@code days} is snoozed anew.
     */
    Result<Outcome> changeStatus(Profile caller, ExecutionId executionId, StatusChange change, JsonObject dataPatch);

    /** {@code days} is needed to snooze, {@code reason} to skip; both are ignored otherwise. */
    record StatusChange(ExecutionStatus status, Integer days, String reason) {
    }

    record Outcome(WorkflowExecution execution, PriorityScore priority) {
    }
}
