package dev.orchestrator.core.testing;

import dev.orchestrator.core.application.OutboundPorts;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.lifecycle.ExecutionEvent;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import java.util.List;
import java.util.Optional;

/**
 * A store under test plus the means to put data into it directly. The port contract tests run on
 * every implementation: the in-memory fake here, and each real adapter.
 */
public interface PortsFixture {

    OutboundPorts ports();

    void givenOrganization(OrganizationId id, String name);

    void givenProfile(Profile profile);

    /** Stores the customer; {@code signals} null means no properties row at all. */
    void givenCustomer(Customer customer, CustomerSignals signals);

    void givenDefinition(WorkflowDefinition definition);

    void givenExecution(WorkflowExecution execution);

    /** The stored execution as it is now, read directly (not through a port under test). */
    Optional<WorkflowExecution> storedExecution(OrganizationId organizationId, ExecutionId id);

    /** Every execution of the organization, read directly. */
    List<WorkflowExecution> storedExecutions(OrganizationId organizationId);

    /** The event history of one execution, oldest first. */
    List<ExecutionEvent> eventsOf(OrganizationId organizationId, ExecutionId id);
}
