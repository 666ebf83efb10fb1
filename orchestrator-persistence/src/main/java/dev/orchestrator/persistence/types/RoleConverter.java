package dev.orchestrator.persistence.types;

import dev.orchestrator.core.domain.access.Role;

/** {@code profiles.role} as {@link Role}, by wire name. */
public final class RoleConverter extends WireNameConverter<Role> {

    public RoleConverter() {
        super(Role.class);
    }
}
