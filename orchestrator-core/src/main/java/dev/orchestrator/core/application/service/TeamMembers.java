package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.out.ProfileLookup;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import java.util.List;
import java.util.Optional;

/**
 * Who a team is, for the use cases that act on one (the team view, rebalancing): a manager's direct
 * reports, an admin's every CSM of the organization; a CSM has no team. And the manager an operator
 * names on the command line, found once for both.
 */
final class TeamMembers {

    private TeamMembers() {
    }

    /** The caller's team; empty when the caller is neither a manager nor an admin. */
    static Optional<List<Profile>> of(ProfileLookup profiles, Profile caller) {
        if (caller.role() == Role.ADMIN) {
            return Optional.of(profiles.profiles(caller.organizationId(), Optional.of(Role.CSM)));
        }
        if (caller.role() == Role.MANAGER) {
            return Optional.of(profiles.reportsOf(caller.organizationId(), caller.id()));
        }
        return Optional.empty();
    }

    /** The manager {@code manager}, within {@code organization} when one is given; not found otherwise. */
    static Result<Profile> namedManager(ProfileLookup profiles, Optional<OrganizationId> organization,
            ProfileId manager) {
        Optional<Profile> found = profiles.findCaller(manager)
                .filter(p -> organization.map(o -> o.equals(p.organizationId())).orElse(true));
        if (found.isEmpty() || found.get().role() != Role.MANAGER) {
            return Result.err(new Failure.NotFound("no manager " + manager
                    + organization.map(o -> " in organization " + o).orElse("")));
        }
        return Result.ok(found.get());
    }
}
