package dev.orchestrator.persistence.types;

import dev.orchestrator.core.domain.escalation.EscalationState;

/** {@code workflow_executions.escalation_state} as {@link EscalationState}, by wire name. */
public final class EscalationStateConverter extends WireNameConverter<EscalationState> {

    public EscalationStateConverter() {
        super(EscalationState.class);
    }
}
