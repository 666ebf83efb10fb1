package dev.orchestrator.core.domain.scope;

import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a bulk job (re-scoring, signal interpretation) covers: everything, one organization, or
 * within one organization only some customers or one definition. Narrow scopes are how a change
 * to one customer's signals or one definition's weight re-scores just what it affects.
 */
public record WorkScope(Optional<OrganizationId> organization, Optional<Set<CustomerId>> customers,
        Optional<DefinitionId> definition) {

    public WorkScope {
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(customers, "customers");
        Objects.requireNonNull(definition, "definition");
        customers = customers.map(Set::copyOf);
        if (organization.isEmpty() && (customers.isPresent() || definition.isPresent())) {
            throw new IllegalArgumentException("a scope of customers or of a definition is within one organization");
        }
    }

    public static WorkScope everything() {
        return new WorkScope(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static WorkScope of(Optional<OrganizationId> organization) {
        return new WorkScope(organization, Optional.empty(), Optional.empty());
    }

    public static WorkScope organization(OrganizationId organization) {
        return of(Optional.of(organization));
    }

    public static WorkScope customers(OrganizationId organization, Set<CustomerId> customers) {
        return new WorkScope(Optional.of(organization), Optional.of(customers), Optional.empty());
    }

    public static WorkScope definition(OrganizationId organization, DefinitionId definition) {
        return new WorkScope(Optional.of(organization), Optional.empty(), Optional.of(definition));
    }

    /** Whether an execution (or a customer, with {@code definition} null) lies within this scope. */
    public boolean covers(OrganizationId org, CustomerId customer, DefinitionId definitionId) {
        return organization.map(o -> o.equals(org)).orElse(true)
                && customers.map(c -> c.contains(customer)).orElse(true)
                && (definitionId == null || definition.map(d -> d.equals(definitionId)).orElse(true));
    }
}
