package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.domain.catalog.CatalogSection;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Which organization owns rows that already exist (to check references of incoming data). */
public interface CatalogOwners {
    /** For each of {@code ids} stored in {@code section}: its organization (an organization's is itself). */
    Map<UUID, UUID> organizationsOf(CatalogSection section, Collection<UUID> ids);

    /**
     * The stored dependencies of the organization's definitions: each definition that has any, with
     * the ids of its prerequisites (so that incoming definitions are checked to make no cycle with them).
     */
    Map<DefinitionId, List<DefinitionId>> storedDependencies(OrganizationId organization);
}
