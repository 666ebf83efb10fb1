package dev.orchestrator.core.domain.ids;

import java.util.Objects;
import java.util.UUID;

/** Identifies a person using the product: a CSM, a manager or an admin. */
public record ProfileId(UUID value) {
    public ProfileId {
        Objects.requireNonNull(value, "profileId");
    }

    public static ProfileId of(UUID value) {
        return new ProfileId(value);
    }

    public static ProfileId parse(String text) {
        return new ProfileId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
