package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.ManageProfiles;
import dev.orchestrator.core.application.port.out.CatalogLoader;
import dev.orchestrator.core.application.port.out.CatalogOwners;
import dev.orchestrator.core.application.port.out.ProfileLookup;
import dev.orchestrator.core.domain.access.AccessPolicy;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.catalog.CatalogReader;
import dev.orchestrator.core.domain.catalog.CatalogSection;
import dev.orchestrator.core.domain.catalog.Problem;
import dev.orchestrator.core.domain.catalog.Problems;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link ManageProfiles}: the team list for every member, profile writes for admins through the catalog loader. */
public final class ProfileService implements ManageProfiles {

    private final ProfileLookup profiles;
    private final CatalogOwners owners;
    private final CatalogLoader loader;
    private final CatalogReader reader;
    private final Clock clock;

    public ProfileService(ProfileLookup profiles, CatalogOwners owners, CatalogLoader loader, CatalogReader reader,
            Clock clock) {
        this.profiles = profiles;
        this.owners = owners;
        this.loader = loader;
        this.reader = reader;
        this.clock = clock;
    }

    @Override
    public Result<List<Profile>> list(Profile caller, Optional<Role> role) {
        return Result.ok(profiles.profiles(caller.organizationId(), role));
    }

    @Override
    public Result<Written> put(Profile caller, ProfileId id, JsonObject body) {
        if (!AccessPolicy.canManageCatalog(caller)) {
            return Result.err(new Failure.Forbidden("only an admin manages profiles"));
        }
        UUID owner = owners.organizationsOf(CatalogSection.PROFILES, List.of(id.value())).get(id.value());
        if (owner != null && !owner.equals(caller.organizationId().value())) {
            return Result.err(new Failure.NotFound("no profile " + id));
        }
        Problems problems = new Problems();
        Profile profile = reader.profile(body, "", problems, id, caller.organizationId());
        if (profile == null) {
            return Result.err(CatalogFailures.invalid(problems));
        }
        if (profile.managerId() != null
                && profiles.findProfile(caller.organizationId(), profile.managerId()).isEmpty()) {
            return Result.err(Failure.Invalid.of("manager_id", "is not a profile of this organization"));
        }
        try (CatalogLoader.Session session = loader.begin(clock.instant())) {
            Optional<Problem> refused = session.profiles(List.of(new CatalogLoader.Located<>("", profile)));
            if (refused.isPresent()) {
                Problem p = refused.get();
                String field = p.field().replaceFirst("^\\.", "");
                if (field.equals("id")) {
                    // another organization's id that the lookup above could not see (a store under
                    // row-level security shows the caller's organization only): still not ours
                    return Result.err(new Failure.NotFound("no profile " + id));
                }
                return Result.err(CatalogFailures.invalid(new Problem(field, p.reason())));
            }
            session.commit();
        }
        return Result.ok(new Written(profiles.findProfile(caller.organizationId(), id).orElseThrow(), owner == null));
    }
}
