package dev.orchestrator.core.domain.access;

import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.workload.Capacity;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A person using the product; {@code managerId} is who they report to, if anyone; {@code capacity}
 * how many open executions they should carry at most (empty: unlimited, see {@link Capacity}).
 */
public record Profile(ProfileId id, OrganizationId organizationId, String email, String fullName, Role role,
        ProfileId managerId, OptionalInt capacity) {
    public Profile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(capacity, "capacity");
        capacity.ifPresent(c -> Capacity.problem(c).ifPresent(p -> {
            throw new IllegalArgumentException("capacity " + p);
        }));
    }

    /** A profile with unlimited capacity (the default). */
    public Profile(ProfileId id, OrganizationId organizationId, String email, String fullName, Role role,
            ProfileId managerId) {
        this(id, organizationId, email, fullName, role, managerId, OptionalInt.empty());
    }
}
