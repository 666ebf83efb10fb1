package dev.orchestrator.core.domain.customer;

import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import java.util.Objects;

/** A customer account and the CSM who owns it (new executions are assigned to that CSM). */
public record Customer(CustomerId id, OrganizationId organizationId, String name, ProfileId csmId) {
    public Customer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(name, "name");
    }
}
