package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import java.util.Optional;

/** Reads customers of one organization. */
public interface CustomerLookup {

    Optional<Customer> findCustomer(OrganizationId organizationId, CustomerId id);

    /** The customer's signals; {@link CustomerSignals#NONE} when nothing is recorded. */
    CustomerSignals signalsOf(OrganizationId organizationId, CustomerId id);
}
