package dev.orchestrator.core.domain.ids;

import java.util.Objects;
import java.util.UUID;

/** Identifies an organization (tenant): every other record belongs to exactly one. */
public record OrganizationId(UUID value) {
    public OrganizationId {
        Objects.requireNonNull(value, "organizationId");
    }

    public static OrganizationId of(UUID value) {
        return new OrganizationId(value);
    }

    public static OrganizationId parse(String text) {
        return new OrganizationId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
