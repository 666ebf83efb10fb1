package dev.orchestrator.core.domain.queue;

import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.priority.PriorityInput;
import dev.orchestrator.core.domain.priority.ScoreChange;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import java.util.Objects;

/**
 * One execution as the queue shows it: with its definition, its customer and the customer's signals,
 * and how its stored score changed at the latest re-scoring when that happened (null otherwise).
 */
public record QueueEntry(WorkflowExecution execution, WorkflowDefinition definition, Customer customer,
        CustomerSignals signals, ScoreChange scoreChange) {
    public QueueEntry {
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(customer, "customer");
        signals = signals == null ? CustomerSignals.NONE : signals;
    }

    /** An entry without a remembered score change. */
    public QueueEntry(WorkflowExecution execution, WorkflowDefinition definition, Customer customer,
            CustomerSignals signals) {
        this(execution, definition, customer, signals, null);
    }

    /** What this execution's priority depends on. */
    public PriorityInput priorityInput() {
        return PriorityInput.of(execution, definition, signals);
    }
}
