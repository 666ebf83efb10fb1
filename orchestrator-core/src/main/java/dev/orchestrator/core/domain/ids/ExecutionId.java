package dev.orchestrator.core.domain.ids;

import java.util.Objects;
import java.util.UUID;

/** Identifies one run of a workflow definition for one customer. */
public record ExecutionId(UUID value) {
    public ExecutionId {
        Objects.requireNonNull(value, "executionId");
    }

    public static ExecutionId of(UUID value) {
        return new ExecutionId(value);
    }

    public static ExecutionId parse(String text) {
        return new ExecutionId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
