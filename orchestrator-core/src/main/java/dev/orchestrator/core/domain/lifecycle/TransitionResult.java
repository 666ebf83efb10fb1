package dev.orchestrator.core.domain.lifecycle;

import dev.orchestrator.core.domain.escalation.EscalationState;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.ExecutionSteps;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import java.util.List;

/** What {@link Lifecycle#apply} decided: the next state, or why not. */
public sealed interface TransitionResult {

    /** The transition is allowed: here is the next state and the event that records it. */
    record Applied(WorkflowExecution execution, ExecutionEvent event) implements TransitionResult {
    }

    /** The lifecycle forbids this action from the current status. */
    record Rejected(ExecutionStatus current, Action attempted) implements TransitionResult {
        public String message() {
            return message(current, attempted);
        }

        /**
         * Why {@code attempted} is refused from {@code current}, in the words of the request: asking again for
         * the status an execution already has is a data update, which a closed execution does not take.
         */
        public static String message(ExecutionStatus current, Action attempted) {
            if (attempted == Action.UPDATE_DATA) {
                return "the execution is already " + current.wireName() + "; its data can be updated only while it is "
                        + Lifecycle.allowedFrom(attempted).stream().sorted().map(ExecutionStatus::wireName)
                                .collect(java.util.stream.Collectors.joining(", "));
            }
            return "cannot " + attempted.wireName() + " an execution that is " + current.wireName();
        }
    }

    /** The escalation is not in a state {@code attempted} may happen from ({@code current} null: not escalated). */
    record EscalationRejected(EscalationState current, Action attempted) implements TransitionResult {
    }

    /** A completion while required steps of the execution's checklist are still open (in the checklist's order). */
    record StepsOpen(List<ExecutionSteps.Open> steps) implements TransitionResult {
        public StepsOpen {
            steps = List.copyOf(steps);
        }
    }

    /** A parameter of the transition is out of range or missing. */
    record Invalid(String field, String message) implements TransitionResult {
    }
}
