package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.port.in.CheckHealth;
import dev.orchestrator.core.application.port.in.IdentifyCaller;
import dev.orchestrator.core.application.port.out.ProfileLookup;
import dev.orchestrator.core.application.port.out.StoreHealth;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.ids.ProfileId;
import java.util.Optional;

/** Identifies callers and reports readiness: the two things every inbound adapter asks first. */
public final class CallerService implements IdentifyCaller, CheckHealth {

    private final ProfileLookup profiles;
    private final StoreHealth health;

    public CallerService(ProfileLookup profiles, StoreHealth health) {
        this.profiles = profiles;
        this.health = health;
    }

    @Override
    public Optional<Profile> identify(ProfileId subject) {
        return profiles.findCaller(subject);
    }

    @Override
    public boolean ready() {
        return health.isReachable();
    }
}
