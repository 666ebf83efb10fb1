package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.domain.catalog.CustomerEntry;
import dev.orchestrator.core.domain.catalog.Versioned;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads catalog data as the management API shows it, with versions. */
public interface CatalogReads {

    /** Every definition of the organization (active or not), by name then id. */
    List<Versioned<WorkflowDefinition>> definitions(OrganizationId organization);

    Optional<Versioned<WorkflowDefinition>> definition(OrganizationId organization, DefinitionId id);

    /** A customer with its properties (all fields, null where unknown) and contacts, and its signals as scored. */
    record StoredCustomer(CustomerEntry entry, long version, CustomerSignals signals) {
    }

    Optional<StoredCustomer> customer(OrganizationId organization, CustomerId id);

    /**
     * Up to {@code limit} customers by id, after {@code after} if given, of the CSMs in {@code csms}
     * (all customers when empty).
     */
    List<StoredCustomer> customers(OrganizationId organization, Optional<Set<ProfileId>> csms,
            Optional<CustomerId> after, int limit);
}
