package dev.orchestrator.core.domain.access;

import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import java.util.Objects;

/** A person using the product; {@code managerId} is who they report to, if anyone. */
public record Profile(ProfileId id, OrganizationId organizationId, String email, String fullName, Role role,
        ProfileId managerId) {
    public Profile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(role, "role");
    }
}
