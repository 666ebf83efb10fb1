package dev.orchestrator.persistence.types;

import dev.orchestrator.core.domain.workflow.WorkflowType;

/** {@code workflow_definitions.workflow_type} as {@link WorkflowType}, by wire name. */
public final class WorkflowTypeConverter extends WireNameConverter<WorkflowType> {

    public WorkflowTypeConverter() {
        super(WorkflowType.class);
    }
}
