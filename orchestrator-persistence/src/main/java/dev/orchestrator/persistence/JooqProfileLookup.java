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
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

final class JooqProfileLookup implements ProfileLookup {

    private final DSLContext sql;
    /** The reads every request makes (the caller, a team), rendered once (docs/performance.md). */
    private final RenderedOnce statements;

    JooqProfileLookup(DSLContext sql) {
        this.sql = sql;
        this.statements = new RenderedOnce(sql);
    }

    @Override
    public Optional<Profile> findCaller(ProfileId id) {
        // Before the caller's organization is known: row-level security lets it see its own row only.
        try (TenantScope.Binding ignored = TenantScope.bindCaller(id)) {
            RenderedOnce.Binds binds = new RenderedOnce.Binds("caller");
            // Run here, not in profiles(): the statement checks (TenantPredicates) know this method asks by id alone.
            return statements.fetch(binds, sql.selectFrom(PROFILES).where(PROFILES.ID.eq(binds.val(id.value(), PROFILES.ID))),
                    PROFILES.fields()).stream().findFirst().map(r -> Rows.profile(r, PROFILES));
        }
    }

    @Override
    public Optional<Profile> findProfile(OrganizationId organizationId, ProfileId id) {
        RenderedOnce.Binds binds = new RenderedOnce.Binds("profile");
        return profiles(binds, sql.selectFrom(PROFILES)
                .where(PROFILES.ORGANIZATION_ID.eq(binds.val(organizationId.value(), PROFILES.ORGANIZATION_ID)))
                .and(PROFILES.ID.eq(binds.val(id.value(), PROFILES.ID)))).stream().findFirst();
    }

    @Override
    public List<Profile> profiles(OrganizationId organizationId, Optional<Role> role) {
        RenderedOnce.Binds binds = new RenderedOnce.Binds("profiles");
        return profiles(binds, sql.selectFrom(PROFILES)
                .where(PROFILES.ORGANIZATION_ID.eq(binds.val(organizationId.value(), PROFILES.ORGANIZATION_ID)))
                .and(role.map(r -> binds.eqAsStored(PROFILES.ROLE, r)).orElse(DSL.noCondition()))
                .orderBy(PROFILES.FULL_NAME, PROFILES.ID));
    }

    @Override
    public List<Profile> reportsOf(OrganizationId organizationId, ProfileId manager) {
        RenderedOnce.Binds binds = new RenderedOnce.Binds("reports");
        return profiles(binds, sql.selectFrom(PROFILES)
                .where(PROFILES.ORGANIZATION_ID.eq(binds.val(organizationId.value(), PROFILES.ORGANIZATION_ID)))
                .and(PROFILES.MANAGER_ID.eq(binds.val(manager.value(), PROFILES.MANAGER_ID)))
                .orderBy(PROFILES.FULL_NAME, PROFILES.ID));
    }

    /** {@code query}'s profiles, its SQL rendered once; the rows read by position as the table's columns. */
    private List<Profile> profiles(RenderedOnce.Binds binds, ResultQuery<?> query) {
        return statements.fetch(binds, query, PROFILES.fields()).map(r -> Rows.profile(r, PROFILES));
    }
}
