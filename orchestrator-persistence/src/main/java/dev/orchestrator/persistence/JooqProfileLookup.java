package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.PROFILES;

import dev.orchestrator.core.application.port.out.ProfileLookup;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

final class JooqProfileLookup implements ProfileLookup {

    private final DSLContext sql;

    JooqProfileLookup(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Profile> findCaller(ProfileId id) {
        // Before the caller's organization is known: row-level security lets it see its own row only.
        try (TenantScope.Binding ignored = TenantScope.bindCaller(id)) {
            return sql.selectFrom(PROFILES).where(PROFILES.ID.eq(id.value()))
                    .fetchOptional(r -> Rows.profile(r, PROFILES));
        }
    }

    @Override
    public Optional<Profile> findProfile(OrganizationId organizationId, ProfileId id) {
        return sql.selectFrom(PROFILES)
                .where(PROFILES.ORGANIZATION_ID.eq(organizationId.value())).and(PROFILES.ID.eq(id.value()))
                .fetchOptional(r -> Rows.profile(r, PROFILES));
    }

    @Override
    public List<Profile> profiles(OrganizationId organizationId, Optional<Role> role) {
        return sql.selectFrom(PROFILES)
                .where(PROFILES.ORGANIZATION_ID.eq(organizationId.value()))
                .and(role.map(PROFILES.ROLE::eq).orElse(DSL.noCondition()))
                .orderBy(PROFILES.FULL_NAME, PROFILES.ID)
                .fetch(r -> Rows.profile(r, PROFILES));
    }

    @Override
    public List<Profile> reportsOf(OrganizationId organizationId, ProfileId manager) {
        return sql.selectFrom(PROFILES)
                .where(PROFILES.ORGANIZATION_ID.eq(organizationId.value()))
                .and(PROFILES.MANAGER_ID.eq(manager.value()))
                .orderBy(PROFILES.FULL_NAME, PROFILES.ID)
                .fetch(r -> Rows.profile(r, PROFILES));
    }
}
