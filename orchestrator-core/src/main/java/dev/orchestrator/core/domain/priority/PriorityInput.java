package dev.orchestrator.core.domain.priority;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything the priority of one execution depends on. Signals are nullable: a customer without a
 * signal (or without a properties row at all) simply gets no boost from it; nor does one without a
 * due date ({@code dueAt} null: it was not created by a renewal or review trigger).
 */
public record PriorityInput(
        ExecutionStatus status,
        Instant snoozeUntil,
        WorkflowType workflowType,
        int priorityWeight,
        Integer revenueImpactTier,
        Integer churnRiskScore,
        Integer usageScore,
        Instant dueAt) {

    /** An input without a due date. */
    public PriorityInput(ExecutionStatus status, Instant snoozeUntil, WorkflowType workflowType, int priorityWeight,
            Integer revenueImpactTier, Integer churnRiskScore, Integer usageScore) {
        this(status, snoozeUntil, workflowType, priorityWeight, revenueImpactTier, churnRiskScore, usageScore, null);
    }

    public PriorityInput {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(workflowType, "workflowType");
    }

    public static PriorityInput of(WorkflowExecution execution, WorkflowDefinition definition, CustomerSignals signals) {
        return new PriorityInput(execution.status(), execution.snoozeUntil(), definition.type(),
                definition.priorityWeight(), signals.revenueImpactTier(), signals.churnRiskScore(), signals.usageScore(),
                execution.dueAt());
    }
}
