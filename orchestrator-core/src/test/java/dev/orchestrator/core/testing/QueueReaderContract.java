package dev.orchestrator.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.queue.QueueEntry;
import dev.orchestrator.core.domain.queue.QueueMode;
import dev.orchestrator.core.domain.queue.QueueOrdering;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Contract of {@code QueueReader}: membership and order exactly as {@code QueueOrdering} says. */
public abstract class QueueReaderContract extends PortContract {

    @Test
    void productionAndDemoQueuesFollowQueueOrderingOnRandomData() {
        World other = new World(fixture);
        Random random = new Random(42);
        List<WorkflowDefinition> definitions = new ArrayList<>();
        for (WorkflowType type : WorkflowType.values()) {
            definitions.add(world.definition(type, 500 + random.nextInt(500), Map.of(), false));
        }
        for (int order = 1; order <= 3; order++) {
            definitions.add(world.definition(WorkflowType.STRATEGIC, 700, Map.of("order", order), true));
        }
        Profile[] assignees = {world.csm, world.teammate};
        List<Customer> customers = List.of(world.customer(world.csm, World.signals(2, 3, 40)),
                world.customer(world.csm, null), world.customer(world.teammate, World.signals(5, 9, 99)));
        java.util.Set<String> activePairs = new java.util.HashSet<>();
        for (int i = 0; i < 60; i++) {
            WorkflowDefinition definition = definitions.get(random.nextInt(definitions.size()));
            Customer customer = customers.get(random.nextInt(customers.size()));
            ExecutionStatus status = world.allowedStatus(activePairs, customer, definition,
                    ExecutionStatus.values()[random.nextInt(ExecutionStatus.values().length)]);
            // Few distinct scores and creation times, so that both tie-breakers are exercised.
            world.execution(definition, customer,
                    assignees[random.nextInt(assignees.length)], status, 700 + 50 * random.nextInt(4),
                    World.T0.plus(Duration.ofMinutes(random.nextInt(3))));
        }
        WorkflowDefinition foreign = other.definition(WorkflowType.RISK, 999, Map.of(), false);
        Customer foreignCustomer = other.customer(other.csm, null);
        other.execution(foreign, foreignCustomer, other.csm, ExecutionStatus.NOT_STARTED, 5000, World.T0);

        for (QueueMode mode : QueueMode.values()) {
            for (int limit : new int[] {1, 7, 100}) {
                List<QueueEntry> entries = fixture.ports().queues().queue(world.org, world.csm.id(), mode, limit);
                List<ExecutionId> actual = entries.stream().map(e -> e.execution().id()).toList();
                assertThat(actual).as("%s queue, limit %d", mode, limit)
                        .isEqualTo(expected(definitions, customers, mode, limit));
                // Each entry carries its own definition and customer (columns of the same name must not mix).
                for (QueueEntry entry : entries) {
                    assertThat(entry.definition().id()).isEqualTo(entry.execution().definitionId());
                    assertThat(definitions).contains(entry.definition());
                    assertThat(customers).contains(entry.customer());
                    assertThat(entry.customer().id()).isEqualTo(entry.execution().customerId());
                }
            }
        }
    }

    @Test
    void demoExecutionsIncludeEveryStatusButOnlyDemoOnesOfThatCsm() {
        WorkflowDefinition demo1 = world.definition(WorkflowType.STRATEGIC, 700, Map.of("order", 1), true);
        WorkflowDefinition demo2 = world.definition(WorkflowType.OPPORTUNITY, 800, Map.of("order", 2), true);
        WorkflowDefinition real = world.definition(WorkflowType.RISK, 900, Map.of(), false);
        Customer customer = world.customer(world.csm, null);
        WorkflowExecution done = world.execution(demo1, customer, world.csm, ExecutionStatus.COMPLETED, 0, World.T0);
        WorkflowExecution open = world.execution(demo2, customer, world.csm, ExecutionStatus.NOT_STARTED, 0, World.T0);
        world.execution(real, customer, world.csm, ExecutionStatus.NOT_STARTED, 0, World.T0);
        world.execution(demo1, customer, world.teammate, ExecutionStatus.SKIPPED, 0, World.T0);

        List<QueueEntry> entries = fixture.ports().queues().demoExecutions(world.org, world.csm.id());

        assertThat(entries).extracting(e -> e.execution().id()).containsExactlyInAnyOrder(done.id(), open.id());
        assertThat(entries).allSatisfy(e -> assertThat(e.definition().demo()).isTrue());
    }

    private List<ExecutionId> expected(List<WorkflowDefinition> definitions, List<Customer> customers,
            QueueMode mode, int limit) {
        Map<DefinitionId, WorkflowDefinition> byId = definitions.stream()
                .collect(Collectors.toMap(WorkflowDefinition::id, Function.identity()));
        Map<Object, Customer> customerById = customers.stream().collect(Collectors.toMap(Customer::id, c -> c));
        return fixture.storedExecutions(world.org).stream()
                .filter(e -> e.assignedCsmId().equals(world.csm.id()))
                .map(e -> new QueueEntry(e, byId.get(e.definitionId()), customerById.get(e.customerId()), null))
                .filter(QueueOrdering.membership(mode))
                .sorted(QueueOrdering.comparator(mode))
                .limit(limit)
                .map(e -> e.execution().id())
                .toList();
    }
}
