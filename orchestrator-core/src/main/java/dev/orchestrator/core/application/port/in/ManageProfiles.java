package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.json.JsonObject;
import java.util.List;
import java.util.Optional;

/** The team: every member reads who is in the organization (whom to escalate to); admins write it. */
public interface ManageProfiles {

    Result<List<Profile>> list(Profile caller, Optional<Role> role);

    /** Creates or replaces a profile of the caller's organization: email, full name, role, manager. */
    Result<Written> put(Profile caller, ProfileId id, JsonObject body);

    record Written(Profile profile, boolean created) {
    }
}
