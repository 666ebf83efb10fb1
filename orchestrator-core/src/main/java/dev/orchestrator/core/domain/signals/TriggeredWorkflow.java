package dev.orchestrator.core.domain.signals;

import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A definition a customer's signals and dates call for, with the date its execution is due by:
 * the renewal or review date its date trigger watched (the earlier one when it names both), null
 * when it names no date trigger.
 */
public record TriggeredWorkflow(WorkflowDefinition definition, LocalDate dueDate) {

    public TriggeredWorkflow {
        Objects.requireNonNull(definition, "definition");
    }

    /** The due date as the instant stored in {@code due_at}: the start of that day in UTC; null when none. */
    public Instant dueAt() {
        return dueDate == null ? null : dueDate.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
