package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import java.util.List;
import java.util.Optional;

/** Reads profiles. */
public interface ProfileLookup {

    /**
     * The profile behind an authenticated subject. The only lookup not scoped by organization: the
     * organization is what it finds out.
     */
    Optional<Profile> findCaller(ProfileId id);

    Optional<Profile> findProfile(OrganizationId organizationId, ProfileId id);

    /** The organization's profiles, by full name then id; only those of {@code role} if given. */
    List<Profile> profiles(OrganizationId organizationId, Optional<Role> role);

    /** Those who report to {@code manager}, directly. */
    List<Profile> reportsOf(OrganizationId organizationId, ProfileId manager);
}
