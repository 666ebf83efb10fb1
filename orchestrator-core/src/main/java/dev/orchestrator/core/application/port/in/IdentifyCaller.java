package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.ids.ProfileId;
import java.util.Optional;

/** Turns an authenticated subject into the profile every other use case acts as. */
public interface IdentifyCaller {
    Optional<Profile> identify(ProfileId subject);
}
