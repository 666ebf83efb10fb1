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

    /**
     * Reads once what transitions of {@code executionIds} by {@code caller} need (the executions with
     * what their priority depends on, the organization's profiles, policies and reason codes), for many
     * single transitions in a row: a bulk call's items. Each transition of the answer is still the single
     * call's, decided by the same code, with its own guarded write and event, and fails alone; an item
     * whose write finds it changed since this read (a conflict) is tried once more as a single call,
     * which reads it anew, so that a read a second old is never the reason for a 409.
     */
    Prepared prepare(Profile caller, java.util.Collection<ExecutionId> executionIds);

    /** Transitions of the executions one {@link #prepare} read; safe to use from several threads at once. */
    interface Prepared {
        /** {@link TransitionExecution#transition(Profile, ExecutionId, Transition, JsonObject)}. */
        Result<Outcome> transition(ExecutionId executionId, Transition transition, JsonObject dataPatch);

        /** {@link TransitionExecution#transition(Profile, ExecutionId, Transition, JsonObject, long)}. */
        Result<Outcome> transition(ExecutionId executionId, Transition transition, JsonObject dataPatch,
                long expectedVersion);
    }

    /** {@code days} is needed to snooze, {@code reason} to skip; both are ignored otherwise. */
    record StatusChange(ExecutionStatus status, Integer days, String reason) {
    }

    record Outcome(WorkflowExecution execution, PriorityScore priority) {
    }
}
