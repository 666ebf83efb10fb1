package dev.orchestrator.core.application.service;

import dev.orchestrator.core.domain.catalog.CatalogReader;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.policy.Policies;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The catalog reader of an organization: a definition's default weight is its type's tier in the
 * organization's priority policy, and its thresholds are bounded by the organization's signal policy's
 * maximum score (an organization that raised its cap to 20 may trigger at 15). Built from the
 * organization's current policies ({@link PolicySource}), so every write path — the definitions
 * routes, the import, a simulation's changed definitions — validates a definition alike.
 */
final class CatalogReaders {

    private final PolicySource policies;
    /** Readers already built, when this instance serves one import (null: read the policies every time). */
    private final Map<OrganizationId, CatalogReader> memo;

    CatalogReaders(PolicySource policies) {
        this(policies, null);
    }

    private CatalogReaders(PolicySource policies, Map<OrganizationId, CatalogReader> memo) {
        this.policies = policies;
        this.memo = memo;
    }

    /** The same, reading each organization's policies once: for one import, not across requests. */
    CatalogReaders memoized() {
        return new CatalogReaders(policies, new HashMap<>());
    }

    /** The reader for {@code organization}'s current policies. */
    CatalogReader of(OrganizationId organization) {
        return memo == null ? of(policies.current(organization).policies())
                : memo.computeIfAbsent(organization, o -> of(policies.current(o).policies()));
    }

    /**
     * The reader for a catalog row: its organization's when the row names one that exists with
     * policies of its own, the defaults' otherwise (a new organization, or a row whose
     * {@code organization_id} is itself wrong: the reader then names that problem).
     */
    CatalogReader forRow(JsonObject row) {
        Optional<UUID> organization = CatalogReader.uuid(row.values().get("organization_id"));
        return organization.map(o -> of(new OrganizationId(o))).orElseGet(() -> of(policies.defaults()));
    }

    static CatalogReader of(Policies policies) {
        return new CatalogReader(policies.priority(), policies.signals().maxScore());
    }
}
