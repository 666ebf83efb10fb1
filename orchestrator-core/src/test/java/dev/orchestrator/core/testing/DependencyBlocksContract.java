package dev.orchestrator.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.out.DependencyBlocks;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.dependency.Dependency;
import dev.orchestrator.core.domain.dependency.DependencyRule;
import dev.orchestrator.core.domain.dependency.WhileOpen;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.lifecycle.ExecutionEvent;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.queue.QueueEntry;
import dev.orchestrator.core.domain.queue.QueueMode;
import dev.orchestrator.core.domain.queue.QueueOrdering;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@code DependencyBlocks}, and of the ports that apply {@code DependencyRule} over many
 * rows: the production queue leaves out exactly the executions the rule blocks (on random data, so
 * that on PostgreSQL this compares the SQL the rule is translated to with the rule itself), the
 * release appends {@code unblocked} to exactly the dependents the rule no longer blocks, and the
 * interpreter holds back a dependent whose dependency says {@code wait}.
 */
public abstract class DependencyBlocksContract extends PortContract {

    @Test
    void readsDependenciesInOrderWithNamesAndTheCustomersRunsOfTheGivenDefinitions() {
        WorkflowDefinition p = world.definition(WorkflowType.STRATEGIC, 700, Map.of(), false);
        WorkflowDefinition q = world.definition(WorkflowType.RISK, 900, Map.of(), false);
        WorkflowDefinition d = world.dependent(WorkflowType.OPPORTUNITY, 800, Map.of(),
                List.of(new Dependency(q.id(), 30, WhileOpen.WAIT), Dependency.on(p.id())));
        Customer customer = world.customer(world.csm, null);
        Customer other = world.customer(world.csm, null);
        WorkflowExecution done = world.execution(p, customer, world.csm, ExecutionStatus.COMPLETED, 0, World.T0);
        WorkflowExecution open = world.execution(q, customer, world.csm, ExecutionStatus.SNOOZED, 0, World.T0);
        world.execution(p, other, world.csm, ExecutionStatus.NOT_STARTED, 0, World.T0);
        world.execution(d, customer, world.csm, ExecutionStatus.NOT_STARTED, 0, World.T0);

        DependencyBlocks blocks = fixture.ports().dependencies();
        assertThat(blocks.dependenciesOf(world.org, d.id())).containsExactly(
                new DependencyBlocks.Named(new Dependency(q.id(), 30, WhileOpen.WAIT), q.name()),
                new DependencyBlocks.Named(Dependency.on(p.id()), p.name()));
        assertThat(blocks.dependenciesOf(world.org, p.id())).isEmpty();
        assertThat(blocks.dependenciesOf(new World(fixture).org, d.id())).as("another organization's").isEmpty();
        assertThat(blocks.runs(world.org, customer.id(), List.of(p.id(), q.id())))
                .containsExactlyInAnyOrder(
                        new DependencyRule.Run(done.id(), p.id(), ExecutionStatus.COMPLETED, done.completedAt()),
                        new DependencyRule.Run(open.id(), q.id(), ExecutionStatus.SNOOZED, null));
        assertThat(blocks.runs(world.org, customer.id(), List.of())).isEmpty();
        assertThat(fixture.ports().catalogOwners().storedDependencies(world.org))
                .isEqualTo(Map.of(d.id(), List.of(q.id(), p.id())));
    }

    @Test
    void productionQueueLeavesOutExactlyWhatTheRuleBlocksOnRandomData() {
        Random random = new Random(14);
        for (int round = 0; round < 6; round++) {
            World w = new World(fixture);
            // Dependencies only on definitions made earlier: no cycle, as the catalog guarantees.
            List<WorkflowDefinition> definitions = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                List<Dependency> dependsOn = new ArrayList<>();
                for (WorkflowDefinition earlier : definitions) {
                    if (random.nextInt(3) == 0) {
                        Integer days = random.nextBoolean() ? null : 1 + random.nextInt(3);
                        dependsOn.add(new Dependency(earlier.id(), days,
                                random.nextBoolean() ? WhileOpen.CREATE : WhileOpen.WAIT));
                    }
                }
                definitions.add(w.dependent(WorkflowType.values()[i % WorkflowType.values().length],
                        500 + 50 * i, Map.of(), dependsOn));
            }
            List<Customer> customers = List.of(w.customer(w.csm, null), w.customer(w.csm, null),
                    w.customer(w.teammate, null));
            Set<String> activePairs = new HashSet<>();
            for (int i = 0; i < 70; i++) {
                WorkflowDefinition definition = definitions.get(random.nextInt(definitions.size()));
                Customer customer = customers.get(random.nextInt(customers.size()));
                ExecutionStatus status = w.allowedStatus(activePairs, customer, definition,
                        ExecutionStatus.values()[random.nextInt(ExecutionStatus.values().length)]);
                // Whole days within ±3, give or take an hour: completions land just before, on and just
                // after each window's start (so that an hour's error in the window shows).
                Instant at = World.T0.plus(Duration.ofHours(24L * (random.nextInt(7) - 3) + random.nextInt(3) - 1));
                w.execution(definition, customer, customer.csmId().equals(w.csm.id()) ? w.csm : w.teammate, status,
                        600 + 100 * random.nextInt(3), at);
            }
            List<WorkflowExecution> stored = fixture.storedExecutions(w.org);
            Map<DefinitionId, WorkflowDefinition> byId = new HashMap<>();
            definitions.forEach(d -> byId.put(d.id(), d));
            List<ExecutionId> expected = stored.stream()
                    .filter(e -> e.assignedCsmId().equals(w.csm.id()) && !e.status().isTerminal())
                    .filter(e -> !DependencyRule.blocked(e.status(), e.createdAt(), byId.get(e.definitionId()).dependsOn(),
                            runs(stored, e)))
                    .map(e -> new QueueEntry(e, byId.get(e.definitionId()), customers.stream()
                            .filter(c -> c.id().equals(e.customerId())).findFirst().orElseThrow(),
                            dev.orchestrator.core.domain.signals.CustomerSignals.NONE))
                    .sorted(QueueOrdering.comparator(QueueMode.PRODUCTION))
                    .map(q -> q.execution().id())
                    .toList();
            List<ExecutionId> actual = fixture.ports().queues().queue(w.org, w.csm.id(), QueueMode.PRODUCTION, 100)
                    .stream().map(q -> q.execution().id()).toList();
            assertThat(actual).as("round %d", round).isEqualTo(expected);
            long blocked = stored.stream().filter(e -> DependencyRule.blocked(e.status(), e.createdAt(),
                    byId.get(e.definitionId()).dependsOn(), runs(stored, e))).count();
            assertThat(blocked).as("the data has blocked work (round %d)", round).isPositive();
        }
    }

    @Test
    void aWindowStartsExactlyItsDaysBeforeTheDependentWasCreated() {
        WorkflowDefinition p = world.definition(WorkflowType.STRATEGIC, 700, Map.of(), false);
        WorkflowDefinition d = world.dependent(WorkflowType.OPPORTUNITY, 800, Map.of(),
                List.of(new Dependency(p.id(), 2, WhileOpen.CREATE)));
        Instant created = World.T0.plus(Duration.ofDays(10));
        Instant windowStart = created.minus(Duration.ofDays(2));
        Map<String, Instant> completions = Map.of("on the start", windowStart,
                "an hour after", windowStart.plus(Duration.ofHours(1)),
                "an hour before", windowStart.minus(Duration.ofHours(1)),
                "a second before", windowStart.minusSeconds(1),
                "after the dependent was created", created.plus(Duration.ofDays(5)));
        Map<ExecutionId, String> cases = new HashMap<>();
        completions.forEach((name, at) -> {
            Customer customer = world.customer(world.csm, null);
            world.execution(p, customer, world.csm, ExecutionStatus.COMPLETED, 0, at);
            cases.put(world.execution(d, customer, world.csm, ExecutionStatus.NOT_STARTED, 0, created).id(), name);
        });
        Customer never = world.customer(world.csm, null);
        cases.put(world.execution(d, never, world.csm, ExecutionStatus.NOT_STARTED, 0, created).id(), "never completed");
        Customer skipped = world.customer(world.csm, null);
        world.execution(p, skipped, world.csm, ExecutionStatus.SKIPPED, 0, created);
        cases.put(world.execution(d, skipped, world.csm, ExecutionStatus.NOT_STARTED, 0, created).id(), "only skipped");

        Set<String> offered = new HashSet<>();
        fixture.ports().queues().queue(world.org, world.csm.id(), QueueMode.PRODUCTION, 100)
                .forEach(q -> offered.add(cases.get(q.execution().id())));
        assertThat(offered).containsExactlyInAnyOrder("on the start", "an hour after", "after the dependent was created");
    }

    @Test
    void aCloseReleasesTheDependentsNoLongerBlockedOnlyInItsOwnWrite() {
        WorkflowDefinition p = world.definition(WorkflowType.STRATEGIC, 700, Map.of(), false);
        WorkflowDefinition q = world.definition(WorkflowType.RISK, 900, Map.of(), false);
        WorkflowDefinition afterP = world.dependent(WorkflowType.OPPORTUNITY, 800, Map.of(), List.of(Dependency.on(p.id())));
        WorkflowDefinition afterPAndQ = world.dependent(WorkflowType.CUSTOM, 500, Map.of(),
                List.of(Dependency.on(p.id()), Dependency.on(q.id())));
        WorkflowDefinition recentP = world.dependent(WorkflowType.RENEWAL, 600, Map.of(),
                List.of(new Dependency(p.id(), 30, WhileOpen.CREATE)));
        WorkflowDefinition alsoAfterP = world.dependent(WorkflowType.CUSTOM, 550, Map.of(), List.of(Dependency.on(p.id())));
        Customer customer = world.customer(world.csm, null);
        Customer other = world.customer(world.csm, null);
        WorkflowExecution prerequisite = world.execution(p, customer, world.csm, ExecutionStatus.UNDERWAY, 0, World.T0);
        world.execution(q, customer, world.csm, ExecutionStatus.NOT_STARTED, 0, World.T0);
        WorkflowExecution released = world.execution(afterP, customer, world.csm, ExecutionStatus.SNOOZED, 0, World.T0);
        WorkflowExecution stillBlocked = world.execution(afterPAndQ, customer, world.csm, ExecutionStatus.NOT_STARTED, 0,
                World.T0);
        WorkflowExecution recent = world.execution(recentP, customer, world.csm, ExecutionStatus.NOT_STARTED, 0, World.T0);
        WorkflowExecution underway = world.execution(alsoAfterP, customer, world.csm, ExecutionStatus.UNDERWAY, 0, World.T0);
        WorkflowExecution otherCustomers = world.execution(afterP, other, world.csm, ExecutionStatus.NOT_STARTED, 0,
                World.T0);
        Instant now = World.T0.plus(Duration.ofDays(2));
        fixture.ports().writer().saveTransition(prerequisite, ExecutionStatus.UNDERWAY, prerequisite.version(),
                new ExecutionEvent(prerequisite.id(), world.org, world.csm.id(), Action.UPDATE_DATA, ExecutionStatus.UNDERWAY,
                        ExecutionStatus.UNDERWAY, null, null, null, now));
        assertThat(unblockedEvents(List.of(released, recent))).as("still open: nothing released").isZero();

        // The close itself releases, in its own write: no separate step whose loss would lose the events.
        WorkflowExecution stored = fixture.storedExecution(world.org, prerequisite.id()).orElseThrow();
        fixture.ports().writer().saveTransition(World.withStatus(stored, ExecutionStatus.COMPLETED, now),
                ExecutionStatus.UNDERWAY, stored.version(),
                new ExecutionEvent(prerequisite.id(), world.org, world.csm.id(), Action.COMPLETE, ExecutionStatus.UNDERWAY,
                        ExecutionStatus.COMPLETED, null, null, null, now));

        assertThat(unblockedEvents(List.of(released))).isEqualTo(1);
        assertThat(unblockedEvents(List.of(recent))).isEqualTo(1);
        ExecutionEvent last = lastEvent(released.id());
        assertThat(last.action()).isEqualTo(Action.UNBLOCKED);
        assertThat(last.actor()).isNull();
        assertThat(last.from()).isEqualTo(ExecutionStatus.SNOOZED);
        assertThat(last.to()).isEqualTo(ExecutionStatus.SNOOZED);
        assertThat(last.occurredAt()).isEqualTo(now);
        assertThat(lastEvent(recent.id()).action()).isEqualTo(Action.UNBLOCKED);
        for (WorkflowExecution untouched : List.of(stillBlocked, underway, otherCustomers)) {
            assertThat(fixture.eventsOf(world.org, untouched.id())).extracting(ExecutionEvent::action)
                    .doesNotContain(Action.UNBLOCKED);
        }
        assertThat(fixture.storedExecution(world.org, released.id()).orElseThrow().status())
                .as("not a status change").isEqualTo(ExecutionStatus.SNOOZED);
    }

    private long unblockedEvents(List<WorkflowExecution> executions) {
        return executions.stream().flatMap(e -> fixture.eventsOf(world.org, e.id()).stream())
                .filter(event -> event.action() == Action.UNBLOCKED).count();
    }

    @Test
    void aSetBasedCloseReleasesEachDependentOnceWhateverNumberOfItsPrerequisitesClosed() {
        WorkflowDefinition p = world.definition(WorkflowType.STRATEGIC, 700, Map.of(), false);
        WorkflowDefinition q = world.definition(WorkflowType.RISK, 900, Map.of(), false);
        WorkflowDefinition d = world.dependent(WorkflowType.OPPORTUNITY, 800, Map.of(),
                List.of(Dependency.on(p.id()), Dependency.on(q.id())));
        Customer closedToday = world.customer(world.csm, null);
        Customer closedEarlier = world.customer(world.csm, null);
        Instant now = World.T0.plus(Duration.ofDays(3));
        WorkflowExecution bothToday = world.execution(d, closedToday, world.csm, ExecutionStatus.NOT_STARTED, 0, World.T0);
        WorkflowExecution notToday = world.execution(d, closedEarlier, world.csm, ExecutionStatus.NOT_STARTED, 0, World.T0);
        // Closed as the daily job closes (a set-based write, not a single transition, which releases by itself).
        world.execution(p, closedToday, world.csm, ExecutionStatus.SKIPPED, 0, now);
        world.execution(q, closedToday, world.csm, ExecutionStatus.SKIPPED, 0, now);
        world.execution(p, closedEarlier, world.csm, ExecutionStatus.SKIPPED, 0, now.minusSeconds(60));

        assertThat(fixture.ports().dependencies().releaseClosedAt(Optional.of(new World(fixture).org), now)).isZero();
        assertThat(fixture.ports().dependencies().releaseClosedAt(Optional.of(world.org), now)).isEqualTo(1);

        assertThat(fixture.eventsOf(world.org, bothToday.id())).extracting(ExecutionEvent::action)
                .containsOnlyOnce(Action.UNBLOCKED);
        assertThat(fixture.eventsOf(world.org, notToday.id())).extracting(ExecutionEvent::action)
                .doesNotContain(Action.UNBLOCKED);
    }

    @Test
    void theInterpreterHoldsBackADependentThatWaitsAndCreatesOneThatDoesNot() {
        WorkflowDefinition p = world.definition(WorkflowType.STRATEGIC, 700, Map.of(), false);
        WorkflowDefinition waits = world.dependent(WorkflowType.RISK, 900, Map.of("risk_score_min", 0),
                List.of(new Dependency(p.id(), null, WhileOpen.WAIT)));
        WorkflowDefinition creates = world.dependent(WorkflowType.OPPORTUNITY, 800, Map.of("risk_score_min", 0),
                List.of(new Dependency(p.id(), null, WhileOpen.CREATE)));
        Customer blocked = world.customer(world.csm, World.signals(3, 5, 50));
        Customer free = world.customer(world.csm, World.signals(3, 5, 50));
        world.execution(p, blocked, world.csm, ExecutionStatus.NOT_STARTED, 0, World.T0);
        world.execution(p, free, world.csm, ExecutionStatus.COMPLETED, 0, World.T0);
        Instant now = World.T0.plus(Duration.ofHours(1));

        fixture.ports().interpretation().interpret(Optional.of(world.org), SignalPolicy.STANDARD, PriorityPolicy.STANDARD,
                now.atOffset(ZoneOffset.UTC).toLocalDate(), now);

        Set<String> created = new HashSet<>();
        for (WorkflowExecution e : fixture.storedExecutions(world.org)) {
            if (!e.definitionId().equals(p.id())) {
                created.add((e.customerId().equals(blocked.id()) ? "blocked" : "free") + "/"
                        + (e.definitionId().equals(waits.id()) ? "waits" : "creates"));
            }
        }
        assertThat(created).containsExactlyInAnyOrder("blocked/creates", "free/waits", "free/creates");
    }

    @Test
    void aDependentThatWaitsWaitsForAPrerequisiteTriggeredInTheSameRun() {
        WorkflowDefinition p = world.definition(WorkflowType.STRATEGIC, 700, Map.of("risk_score_min", 0), false);
        WorkflowDefinition waits = world.dependent(WorkflowType.RISK, 900, Map.of("risk_score_min", 0),
                List.of(new Dependency(p.id(), null, WhileOpen.WAIT)));
        WorkflowDefinition creates = world.dependent(WorkflowType.OPPORTUNITY, 800, Map.of("risk_score_min", 0),
                List.of(Dependency.on(p.id())));
        world.customer(world.csm, World.signals(3, 5, 50));
        Instant now = World.T0.plus(Duration.ofHours(1));

        fixture.ports().interpretation().interpret(Optional.of(world.org), SignalPolicy.STANDARD, PriorityPolicy.STANDARD,
                now.atOffset(ZoneOffset.UTC).toLocalDate(), now);

        assertThat(fixture.storedExecutions(world.org)).extracting(WorkflowExecution::definitionId)
                .containsExactlyInAnyOrder(p.id(), creates.id());
        assertThat(waits.dependsOn()).isNotEmpty();
    }

    private ExecutionEvent lastEvent(ExecutionId id) {
        List<ExecutionEvent> events = fixture.eventsOf(world.org, id);
        return events.get(events.size() - 1);
    }

    private static List<DependencyRule.Run> runs(List<WorkflowExecution> stored, WorkflowExecution of) {
        return stored.stream().filter(x -> x.customerId().equals(of.customerId()))
                .map(x -> new DependencyRule.Run(x.id(), x.definitionId(), x.status(), x.completedAt())).toList();
    }
}
