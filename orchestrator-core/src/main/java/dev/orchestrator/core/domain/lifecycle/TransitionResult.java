package dev.orchestrator.core.domain.lifecycle;

import dev.orchestrator.core.domain.escalation.EscalationState;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;

/** What {@link Lifecycle#apply} decided: the next state, or why not. */
public sealed interface TransitionResult {

    /** The transition is allowed: here is the next state and the event that records it. */
    record Applied(WorkflowExecution execution, ExecutionEvent event) implements TransitionResult {
    }

    /** The lifecycle forbids this action from the current status. */
    record Rejected(ExecutionStatus current, Action attempted) implements TransitionResult {
        public String message() {
            return "cannot " + attempted.wireName() + " an execution that is " + current.wireName();
        }
    }

    /** The escalation is not in a state {@code attempted} may happen from ({@code current} null: not escalated). */
    record EscalationRejected(EscalationState current, Action attempted) implements TransitionResult {
    }

    /** A parameter of the transition is out of range or missing. */
    record Invalid(String field, String message) implements TransitionResult {
    }
}
