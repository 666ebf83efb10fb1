package dev.orchestrator.persistence.types;

import dev.orchestrator.core.domain.dependency.WhileOpen;

/** {@code workflow_definition_dependencies.while_open} as {@link WhileOpen}, by wire name. */
public final class WhileOpenConverter extends WireNameConverter<WhileOpen> {

    public WhileOpenConverter() {
        super(WhileOpen.class);
    }
}
