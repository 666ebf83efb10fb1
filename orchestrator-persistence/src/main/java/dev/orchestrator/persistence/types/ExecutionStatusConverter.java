package dev.orchestrator.persistence.types;

import dev.orchestrator.core.domain.execution.ExecutionStatus;

/** {@code workflow_executions.status} and the events' {@code from_status}/{@code to_status} as {@link ExecutionStatus}, by wire name. */
public final class ExecutionStatusConverter extends WireNameConverter<ExecutionStatus> {

    public ExecutionStatusConverter() {
        super(ExecutionStatus.class);
    }
}
