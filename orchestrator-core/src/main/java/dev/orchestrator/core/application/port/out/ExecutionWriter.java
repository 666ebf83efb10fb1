package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.lifecycle.ExecutionEvent;
import java.util.List;
import java.util.Optional;

/** Writes executions and their event history, each write in one transaction. */
public interface ExecutionWriter {

    /**
     * Stores {@code next} only if the stored row still has {@code expectedStatus} and
     * {@code expectedVersion} (optimistic concurrency), and appends {@code event} in the same
     * transaction. Never overwrites a concurrent change silently. A transition that closes the
     * execution (from an open status to a terminal one) also releases, in that transaction, the
     * dependents it blocked: each execution of its customer whose definition depends on its definition
     * and that {@code DependencyRule} no longer blocks gets an {@code unblocked} event at the event's time,
     * without actor (so no close is stored without its releases, nor a release without its close).
     */
    default SaveResult saveTransition(WorkflowExecution next, ExecutionStatus expectedStatus, long expectedVersion,
            ExecutionEvent event) {
        return saveTransition(next, expectedStatus, expectedVersion, event, null);
    }

    /**
     * {@link #saveTransition(WorkflowExecution, ExecutionStatus, long, ExecutionEvent)}, keeping what the
     * signal-aware lifecycle rules need: for a snooze, {@code riskScore} (the customer's risk score now,
     * null when unknown) is kept as the score at snooze time, which early wake compares with; any
     * transition resets the auto-close run count and forgets an earlier early wake.
     */
    SaveResult saveTransition(WorkflowExecution next, ExecutionStatus expectedStatus, long expectedVersion,
            ExecutionEvent event, Integer riskScore);

    /**
     * Inserts new executions with their creation events, skipping any that would give a customer a
     * second non-terminal execution of the same definition. Returns the executions actually inserted.
     */
    List<WorkflowExecution> insertNew(List<WorkflowExecution> executions, List<ExecutionEvent> events);

    sealed interface SaveResult {
        record Saved(WorkflowExecution execution) implements SaveResult {
        }

        /** The row changed (or vanished) since it was read; {@code current} is its status now, if it exists. */
        record Conflict(Optional<ExecutionStatus> current) implements SaveResult {
        }
    }
}
