package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.CUSTOMERS;
import static dev.orchestrator.persistence.jooq.Tables.ORGANIZATIONS;
import static dev.orchestrator.persistence.jooq.Tables.PROFILES;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITIONS;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITION_DEPENDENCIES;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS;

import dev.orchestrator.core.application.port.out.CatalogOwners;
import dev.orchestrator.core.domain.catalog.CatalogSection;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** Which organization owns existing rows: one indexed {@code id IN (...)} lookup per 5,000 ids. */
final class JooqCatalogOwners implements CatalogOwners {

    private static final int CHUNK = 5_000;

    private final DSLContext sql;

    JooqCatalogOwners(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public Map<UUID, UUID> organizationsOf(CatalogSection section, Collection<UUID> ids) {
        Map<UUID, UUID> found = new HashMap<>();
        List<UUID> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += CHUNK) {
            // An IN list of binds: "= any(cast(? as uuid[]))" is parsed again for every row a
            // sequential scan reads (PostgreSQL cannot fold that cast), O(table x chunk).
            List<UUID> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            sql.select(id(section), organization(section)).from(table(section))
                    .where(id(section).in(chunk))
                    .forEach(r -> found.put(r.value1(), r.value2()));
        }
        return found;
    }

    @Override
    public Map<DefinitionId, List<DefinitionId>> storedDependencies(OrganizationId organization) {
        var d = WORKFLOW_DEFINITION_DEPENDENCIES;
        Map<DefinitionId, List<DefinitionId>> stored = new java.util.LinkedHashMap<>();
        sql.select(d.DEFINITION_ID, d.PREREQUISITE_ID).from(d)
                .where(d.ORGANIZATION_ID.eq(organization.value()))
                .orderBy(d.DEFINITION_ID, d.POSITION)
                .forEach(r -> stored.computeIfAbsent(DefinitionId.of(r.value1()), k -> new ArrayList<>())
                        .add(DefinitionId.of(r.value2())));
        return stored;
    }

    private static Table<?> table(CatalogSection section) {
        return switch (section) {
            case ORGANIZATIONS -> ORGANIZATIONS;
            case PROFILES -> PROFILES;
            case CUSTOMERS -> CUSTOMERS;
            case WORKFLOW_DEFINITIONS -> WORKFLOW_DEFINITIONS;
            case WORKFLOW_EXECUTIONS -> WORKFLOW_EXECUTIONS;
        };
    }

    private static Field<UUID> id(CatalogSection section) {
        return switch (section) {
            case ORGANIZATIONS -> ORGANIZATIONS.ID;
            case PROFILES -> PROFILES.ID;
            case CUSTOMERS -> CUSTOMERS.ID;
            case WORKFLOW_DEFINITIONS -> WORKFLOW_DEFINITIONS.ID;
            case WORKFLOW_EXECUTIONS -> WORKFLOW_EXECUTIONS.ID;
        };
    }

    private static Field<UUID> organization(CatalogSection section) {
        return switch (section) {
            case ORGANIZATIONS -> ORGANIZATIONS.ID;
            case PROFILES -> PROFILES.ORGANIZATION_ID;
            case CUSTOMERS -> CUSTOMERS.ORGANIZATION_ID;
            case WORKFLOW_DEFINITIONS -> WORKFLOW_DEFINITIONS.ORGANIZATION_ID;
            case WORKFLOW_EXECUTIONS -> WORKFLOW_EXECUTIONS.ORGANIZATION_ID;
        };
    }
}
