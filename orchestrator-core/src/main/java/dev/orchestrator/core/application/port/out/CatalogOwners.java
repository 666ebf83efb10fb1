package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.domain.catalog.CatalogSection;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** Which organization owns rows that already exist (to check references of incoming data). */
public interface CatalogOwners {
    /** For each of {@code ids} stored in {@code section}: its organization (an organization's is itself). */
    Map<UUID, UUID> organizationsOf(CatalogSection section, Collection<UUID> ids);
}
