package dev.orchestrator.core.domain.ids;

import java.util.Objects;
import java.util.UUID;

/** Identifies a workflow definition (template). */
public record DefinitionId(UUID value) {
    public DefinitionId {
        Objects.requireNonNull(value, "definitionId");
    }

    public static DefinitionId of(UUID value) {
        return new DefinitionId(value);
    }

    public static DefinitionId parse(String text) {
        return new DefinitionId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
