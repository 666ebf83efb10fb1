package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.out.ProfileLookup;
import dev.orchestrator.core.domain.access.AccessPolicy;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.ids.ProfileId;
import java.util.Optional;

/** Resolves the CSM a request is about: the caller by default, someone else only where access allows. */
final class CsmResolver {

    private final ProfileLookup profiles;

    CsmResolver(ProfileLookup profiles) {
        this.profiles = profiles;
    }

    Result<Profile> resolve(Profile caller, Optional<ProfileId> requested) {
        if (requested.isEmpty() || requested.get().equals(caller.id())) {
            return Result.ok(caller);
        }
        // An unknown CSM and a CSM of another team answer the same, so as not to reveal who exists.
        Failure forbidden = new Failure.Forbidden("you may not act for CSM " + requested.get()
                + ": only that CSM, their manager or an admin of the organization may");
        return profiles.findProfile(caller.organizationId(), requested.get())
                .filter(csm -> AccessPolicy.canActFor(caller, csm))
                .<Result<Profile>>map(Result::ok)
                .orElseGet(() -> Result.err(forbidden));
    }
}
