package dev.orchestrator.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.queue.QueueEntry;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Contract of the read-one ports: ProfileLookup, CustomerLookup, DefinitionLookup, ExecutionLookup. */
public abstract class LookupContract extends PortContract {

    @Test
    void findsCallersAndProfilesOnlyWithinTheirOrganization() {
        World other = new World(fixture);
        var profiles = fixture.ports().profiles();

        assertThat(profiles.findCaller(world.csm.id())).contains(world.csm);
        assertThat(profiles.findProfile(world.org, world.manager.id())).contains(world.manager);
        assertThat(profiles.findProfile(other.org, world.manager.id())).isEmpty();
        assertThat(profiles.findCaller(ProfileId.of(world.nextUuid()))).isEmpty();
    }

    @Test
    void readsCustomersAndTheirSignalsWithinTheirOrganization() {
        World other = new World(fixture);
        CustomerSignals signals = new CustomerSignals(4, 7, 55, 61, new BigDecimal("101.50"), new BigDecimal("-3.25"),
                new BigDecimal("20.00"), new BigDecimal("81.00"), new BigDecimal("-12.50"), false);
        Customer known = world.customer(world.csm, signals);
        Customer unknownSignals = world.customer(world.csm, null);
        var customers = fixture.ports().customers();

        assertThat(customers.findCustomer(world.org, known.id())).contains(known);
        assertThat(customers.findCustomer(other.org, known.id())).isEmpty();
        assertThat(customers.signalsOf(world.org, known.id())).isEqualTo(signals);
        assertThat(customers.signalsOf(world.org, unknownSignals.id())).isEqualTo(CustomerSignals.NONE);
        assertThat(customers.signalsOf(other.org, known.id())).isEqualTo(CustomerSignals.NONE);
    }

    @Test
    void listsOnlyActiveDemoDefinitionsOfTheOrganization() {
        World other = new World(fixture);
        WorkflowDefinition demo = world.definition(WorkflowType.STRATEGIC, 700, Map.of("order", 1), true);
        world.definition(WorkflowType.RISK, 900, Map.of("risk_score_min", 5), false);
        WorkflowDefinition inactive = new WorkflowDefinition(
                DefinitionId.of(world.nextUuid()), world.org, "inactive demo",
                WorkflowType.CUSTOM, null, null, 500, false, true);
        fixture.givenDefinition(inactive);
        other.definition(WorkflowType.STRATEGIC, 700, Map.of("order", 1), true);

        assertThat(fixture.ports().definitions().activeDemoDefinitions(world.org)).containsExactly(demo);
    }

    @Test
    void findsAnExecutionWithItsDefinitionCustomerAndSignals() {
        World other = new World(fixture);
        CustomerSignals signals = World.signals(3, 8, 90);
        Customer customer = world.customer(world.csm, signals);
        WorkflowDefinition definition = world.definition(WorkflowType.RISK, 900, Map.of("risk_score_min", 6), false);
        WorkflowExecution execution = world.execution(definition, customer, world.csm, ExecutionStatus.SNOOZED, 998, World.T0);

        QueueEntry entry = fixture.ports().executions().findExecution(world.org, execution.id()).orElseThrow();

        assertThat(entry.execution()).isEqualTo(execution);
        assertThat(entry.definition()).isEqualTo(definition);
        assertThat(entry.customer()).isEqualTo(customer);
        assertThat(entry.signals()).isEqualTo(signals);
        assertThat(fixture.ports().executions().findExecution(other.org, execution.id())).isEmpty();
    }

    @Test
    void findsManyExecutionsInOneReadAsEachIsFoundAlone() {
        World other = new World(fixture);
        WorkflowDefinition renewal = world.definition(WorkflowType.RENEWAL, 600, Map.of(), false);
        WorkflowExecution first = world.execution(renewal, world.customer(world.csm, World.signals(3, 8, 90)), world.csm,
                ExecutionStatus.UNDERWAY, 700, World.T0);
        WorkflowExecution second = world.execution(renewal, world.customer(world.teammate, null), world.teammate,
                ExecutionStatus.SNOOZED, 650, World.T0);
        WorkflowExecution elsewhere = other.execution(other.definition(WorkflowType.RISK, 900, Map.of(), false),
                other.customer(other.csm, null), other.csm, ExecutionStatus.NOT_STARTED, 900, World.T0);
        var executions = fixture.ports().executions();

        var found = executions.findExecutions(world.org, java.util.List.of(first.id(), second.id(), elsewhere.id(),
                dev.orchestrator.core.domain.ids.ExecutionId.of(world.nextUuid()), first.id()));

        assertThat(found).containsExactlyInAnyOrder(executions.findExecution(world.org, first.id()).orElseThrow(),
                executions.findExecution(world.org, second.id()).orElseThrow());
        assertThat(executions.findExecutions(world.org, java.util.List.of())).isEmpty();
    }
}
