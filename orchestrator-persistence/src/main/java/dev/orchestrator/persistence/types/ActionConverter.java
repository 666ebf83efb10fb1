package dev.orchestrator.persistence.types;

import dev.orchestrator.core.domain.lifecycle.Action;

/** {@code workflow_execution_events.action} as {@link Action}, by wire name. */
public final class ActionConverter extends WireNameConverter<Action> {

    public ActionConverter() {
        super(Action.class);
    }
}
