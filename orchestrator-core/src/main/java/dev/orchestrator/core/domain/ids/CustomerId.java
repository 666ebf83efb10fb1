package dev.orchestrator.core.domain.ids;

import java.util.Objects;
import java.util.UUID;

/** Identifies a customer account looked after by a CSM. */
public record CustomerId(UUID value) {
    public CustomerId {
        Objects.requireNonNull(value, "customerId");
    }

    public static CustomerId of(UUID value) {
        return new CustomerId(value);
    }

    public static CustomerId parse(String text) {
        return new CustomerId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
