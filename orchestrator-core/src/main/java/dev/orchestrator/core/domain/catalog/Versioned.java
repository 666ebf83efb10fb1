package dev.orchestrator.core.domain.catalog;

import java.util.Objects;

/** A stored value and its version: each write bumps it, and a write may require the version it read (an ETag). */
public record Versioned<T>(T value, long version) {
    public Versioned {
        Objects.requireNonNull(value, "value");
    }
}
