package dev.orchestrator.core.domain.catalog;

import dev.orchestrator.core.domain.ids.OrganizationId;
import java.util.Objects;

/** A tenant as it is loaded into the catalog. */
public record OrganizationEntry(OrganizationId id, String name) {
    public OrganizationEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
