package dev.orchestrator.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.in.InterpretSignals;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.policy.Policies;
import dev.orchestrator.core.domain.policy.SimulationReport;
import dev.orchestrator.core.domain.priority.PriorityLabel;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@code PolicySimulation}: on random data and random candidate policies, what the
 * simulation reports equals what applying the candidates does to the store (re-score, interpret)
 * diffed against the queues before; and the simulation itself writes nothing.
 */
public abstract class PolicySimulationContract extends PortContract {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    private static final Instant NOW = TODAY.atTime(6, 0).toInstant(ZoneOffset.UTC);
    private static final int TOP_N = 5;

    @Test
    void theSimulationEqualsApplyingTheCandidatesAndDiffingTheQueues() {
        Random random = new Random(21);
        RandomSignals signals = new RandomSignals(random);
        List<WorkflowDefinition> definitions = new ArrayList<>();
        for (WorkflowType type : WorkflowType.values()) {
            definitions.add(world.definition(type, 100 + random.nextInt(900), Map.of(), false));
        }
        // Signal-triggered definitions, so that a signal policy change changes what would be created.
        WorkflowDefinition riskTrigger = world.definition(WorkflowType.RISK, 900, Map.of("risk_score_min", 4), false);
        WorkflowDefinition opportunityTrigger = world.definition(WorkflowType.OPPORTUNITY, 800,
                Map.of("opportunity_score_min", 3), false);
        List<ProfileId> csms = List.of(world.csm.id(), world.teammate.id(), world.outsider.id());
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            var owner = List.of(world.csm, world.teammate, world.outsider).get(random.nextInt(3));
            customers.add(world.customer(owner, signals.next()));
        }
        java.util.Set<String> activePairs = new java.util.HashSet<>();
        Instant noon = TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC);
        for (int i = 0; i < 120; i++) {
            WorkflowDefinition definition = definitions.get(random.nextInt(definitions.size()));
            Customer customer = customers.get(random.nextInt(customers.size()));
            ExecutionStatus status = world.allowedStatus(activePairs, customer, definition,
                    ExecutionStatus.values()[random.nextInt(ExecutionStatus.values().length)]);
            WorkflowExecution execution = World.withStatus(WorkflowExecution.create(ExecutionId.of(world.nextUuid()),
                    world.org, definition.id(), customer.id(), customer.csmId(), false, 0,
                    World.T0.plus(Duration.ofMinutes(random.nextInt(5))), null), status, World.T0);
            if (status == ExecutionStatus.SNOOZED) {
                execution = execution.change().snooze(noon.plus(Duration.ofHours(random.nextInt(240) - 120)), 5,
                        World.T0).at(World.T0);
            }
            fixture.givenExecution(execution);
        }
        Policies current = Policies.STANDARD;
        Policies candidate = new RandomPolicies(random).next();
        var ports = fixture.ports();
        // The queues as they are: scored by the current policies today.
        ports.recomputation().recompute(Optional.of(world.org), current.priority(), TODAY);
        List<WorkflowExecution> storedBefore = fixture.storedExecutions(world.org);

        SimulationReport report = ports.simulation().simulate(world.org, Optional.empty(), current, candidate, List.of(), TOP_N,
                TODAY, NOW);

        assertThat(fixture.storedExecutions(world.org)).as("the simulation writes nothing")
                .containsExactlyInAnyOrderElementsOf(storedBefore);
        // Apply to the store: re-score, then interpret, and diff.
        ports.recomputation().recompute(Optional.of(world.org), candidate.priority(), TODAY);
        List<WorkflowExecution> storedAfter = fixture.storedExecutions(world.org);
        Map<ProfileId, List<WorkflowExecution>> queuesBefore = queues(storedBefore);
        Map<ProfileId, List<WorkflowExecution>> queuesAfter = queues(storedAfter);
        Map<ExecutionId, Integer> scoreAfter = storedAfter.stream()
                .collect(Collectors.toMap(WorkflowExecution::id, WorkflowExecution::priorityScore));

        assertThat(report.csms()).extracting(SimulationReport.CsmQueue::csm)
                .containsExactlyInAnyOrderElementsOf(queuesBefore.keySet());
        for (SimulationReport.CsmQueue queue : report.csms()) {
            List<ExecutionId> topBefore = top(queuesBefore.get(queue.csm()));
            List<ExecutionId> topAfter = top(queuesAfter.get(queue.csm()));
            assertThat(queue.topBefore()).extracting(SimulationReport.RankedItem::execution).as("before of %s", queue.csm())
                    .containsExactlyElementsOf(topBefore);
            assertThat(queue.topAfter()).extracting(SimulationReport.RankedItem::execution).as("after of %s", queue.csm())
                    .containsExactlyElementsOf(topAfter);
            assertThat(queue.entering()).extracting(SimulationReport.RankedItem::execution)
                    .containsExactlyElementsOf(topAfter.stream().filter(id -> !topBefore.contains(id)).toList());
            assertThat(queue.leaving()).extracting(SimulationReport.RankedItem::execution)
                    .containsExactlyElementsOf(topBefore.stream().filter(id -> !topAfter.contains(id)).toList());
            for (SimulationReport.RankedItem item : queue.items()) {
                assertThat(item.scoreAfter()).isEqualTo(scoreAfter.get(item.execution()));
                assertThat(item.rankAfter()).isEqualTo(queuesAfter.get(queue.csm()).stream()
                        .map(WorkflowExecution::id).toList().indexOf(item.execution()) + 1L);
                assertThat(item.rankBefore()).isEqualTo(queuesBefore.get(queue.csm()).stream()
                        .map(WorkflowExecution::id).toList().indexOf(item.execution()) + 1L);
            }
        }
        assertThat(report.labels()).containsExactlyInAnyOrderElementsOf(labels(storedBefore, storedAfter, current,
                candidate));
        assertThat(csms).isNotEmpty();

        Map<DefinitionId, Long> wouldCreate = new HashMap<>();
        report.definitions().forEach(d -> wouldCreate.put(d.definition(), d.createdAfter()));
        InterpretSignals.Report created = ports.interpretation().interpret(Optional.of(world.org), candidate.signals(),
                candidate.priority(), TODAY, NOW);
        Map<DefinitionId, Long> actuallyCreated = new HashMap<>();
        created.created().forEach(c -> actuallyCreated.put(c.definitionId(), c.count()));
        wouldCreate.values().removeIf(n -> n == 0);
        assertThat(wouldCreate).isEqualTo(actuallyCreated);
        // The data is such that the comparison means something: scores move, work would be created.
        assertThat(actuallyCreated).isNotEmpty();
        assertThat(report.csms().stream().flatMap(q -> q.items().stream()))
                .anyMatch(i -> i.scoreBefore() != i.scoreAfter() && i.rankBefore() != i.rankAfter());
        assertThat(riskTrigger).isNotNull();
        assertThat(opportunityTrigger).isNotNull();
    }

    @Test
    void aCsmScopeCoversOnlyThoseCsmsQueues() {
        WorkflowDefinition risk = world.definition(WorkflowType.RISK, 900, Map.of(), false);
        Customer mine = world.customer(world.csm, World.signals(3, 5, 50));
        Customer theirs = world.customer(world.outsider, World.signals(3, 5, 50));
        world.execution(risk, mine, world.csm, ExecutionStatus.NOT_STARTED, 1, World.T0);
        world.execution(risk, theirs, world.outsider, ExecutionStatus.NOT_STARTED, 1, World.T0);

        SimulationReport report = fixture.ports().simulation().simulate(world.org, Optional.of(Set.of(world.csm.id())),
                Policies.STANDARD, Policies.STANDARD, List.of(), 3, TODAY, NOW);

        assertThat(report.csms()).extracting(SimulationReport.CsmQueue::csm).containsExactly(world.csm.id());
        assertThat(report.labels().stream().mapToLong(SimulationReport.LabelTotal::before).sum()).isEqualTo(1);
        assertThat(report.csms().get(0).moved()).isEmpty();
        // The names a person reads the items by.
        assertThat(report.csms().get(0).items()).extracting(SimulationReport.RankedItem::customerName,
                SimulationReport.RankedItem::definitionName).containsExactly(org.assertj.core.groups.Tuple.tuple(
                        mine.name(), risk.name()));
    }

    /**
     * Changed definitions: the simulation equals saving them and applying the same run — re-score,
     * interpret, and the next auto-close — diffed against the store before; nothing is written by it.
     */
    @Test
    void changedDefinitionsAreSimulatedAsIfTheyWereSaved() {
        Random random = new Random(34);
        RandomSignals signals = new RandomSignals(random);
        WorkflowDefinition risk = world.definition(WorkflowType.RISK, 900,
                Map.of("risk_score_min", 4, "auto_close", Map.of("margin", 1, "after_runs", 1)), false);
        WorkflowDefinition opportunity = world.definition(WorkflowType.OPPORTUNITY, 800,
                Map.of("opportunity_score_min", 6), false);
        WorkflowDefinition custom = world.definition(WorkflowType.CUSTOM, 500, Map.of(), false);
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            customers.add(world.customer(i % 2 == 0 ? world.csm : world.teammate, signals.next()));
        }
        for (Customer customer : customers.subList(0, 10)) {
            world.execution(custom, customer, profileOf(customer),
                    ExecutionStatus.NOT_STARTED, 0, World.T0);
        }
        var ports = fixture.ports();
        // Signal-created work as the daily job leaves it, scored.
        ports.interpretation().interpret(Optional.of(world.org), Policies.STANDARD.signals(),
                Policies.STANDARD.priority(), TODAY, NOW);
        ports.recomputation().recompute(Optional.of(world.org), Policies.STANDARD.priority(), TODAY);
        List<WorkflowExecution> storedBefore = fixture.storedExecutions(world.org);
        // Tighter risk threshold (open risk work below it clears), a looser opportunity one with a new weight,
        // the custom check-in re-weighted and typed as strategic.
        WorkflowDefinition riskAfter = withConditions(risk, Map.of("risk_score_min", 7,
                "auto_close", Map.of("margin", 1, "after_runs", 1)), risk.priorityWeight(), risk.type());
        WorkflowDefinition opportunityAfter = withConditions(opportunity, Map.of("opportunity_score_min", 2), 150,
                opportunity.type());
        WorkflowDefinition customAfter = withConditions(custom, Map.of(), 950, WorkflowType.STRATEGIC);
        List<WorkflowDefinition> changed = List.of(riskAfter, opportunityAfter, customAfter);

        SimulationReport report = ports.simulation().simulate(world.org, Optional.empty(), Policies.STANDARD,
                Policies.STANDARD, changed, 100, TODAY, NOW);

        assertThat(fixture.storedExecutions(world.org)).as("the simulation writes nothing")
                .containsExactlyInAnyOrderElementsOf(storedBefore);
        changed.forEach(fixture::givenDefinition);
        ports.recomputation().recompute(Optional.of(world.org), Policies.STANDARD.priority(), TODAY);
        Map<ExecutionId, Integer> scoreAfter = fixture.storedExecutions(world.org).stream()
                .collect(Collectors.toMap(WorkflowExecution::id, WorkflowExecution::priorityScore));
        List<SimulationReport.RankedItem> items = report.csms().stream().flatMap(q -> q.items().stream()).toList();
        assertThat(items).hasSize((int) storedBefore.stream().filter(e -> !e.status().isTerminal()).count());
        items.forEach(i -> assertThat(i.scoreAfter()).as("after of %s", i.execution())
                .isEqualTo(scoreAfter.get(i.execution())));
        assertThat(items).anyMatch(i -> i.definition().equals(custom.id()) && i.scoreAfter() != i.scoreBefore());

        InterpretSignals.Report created = ports.interpretation().interpret(Optional.of(world.org),
                Policies.STANDARD.signals(), Policies.STANDARD.priority(), TODAY, NOW);
        Map<DefinitionId, Long> actuallyCreated = new HashMap<>();
        created.created().forEach(c -> actuallyCreated.put(c.definitionId(), c.count()));
        Map<DefinitionId, Long> wouldCreate = new HashMap<>();
        report.definitions().forEach(d -> wouldCreate.put(d.definition(), d.createdAfter()));
        wouldCreate.values().removeIf(n -> n == 0);
        assertThat(wouldCreate).isEqualTo(actuallyCreated);
        assertThat(actuallyCreated).containsKey(opportunity.id());

        List<ExecutionId> openBefore = fixture.storedExecutions(world.org).stream()
                .filter(e -> e.status() == ExecutionStatus.NOT_STARTED).map(WorkflowExecution::id).toList();
        ports.lifecycle().autoClose(Optional.of(world.org), Policies.STANDARD.signals(), TODAY.plusDays(1),
                NOW.plus(Duration.ofDays(1)));
        Map<DefinitionId, Long> actuallyClosed = new HashMap<>();
        fixture.storedExecutions(world.org).stream()
                .filter(e -> openBefore.contains(e.id()) && e.status() == ExecutionStatus.SKIPPED)
                .forEach(e -> actuallyClosed.merge(e.definitionId(), 1L, Long::sum));
        Map<DefinitionId, Long> wouldClose = new HashMap<>();
        report.definitions().forEach(d -> wouldClose.put(d.definition(), d.closedAfter()));
        wouldClose.values().removeIf(n -> n == 0);
        assertThat(wouldClose).isEqualTo(actuallyClosed);
        assertThat(actuallyClosed).containsKey(risk.id());
        assertThat(report.definitions()).allMatch(d -> d.closedBefore() == 0);
    }

    private Profile profileOf(Customer customer) {
        return customer.csmId().equals(world.csm.id()) ? world.csm : world.teammate;
    }

    private static WorkflowDefinition withConditions(WorkflowDefinition d, Map<String, Object> conditions, int weight,
            WorkflowType type) {
        return new WorkflowDefinition(d.id(), d.organizationId(), d.name(), type, d.description(),
                new dev.orchestrator.core.domain.workflow.TriggerConditions(
                        dev.orchestrator.core.domain.json.JsonObject.of(conditions)), weight, d.active(), d.demo());
    }

    /** Each CSM's open executions in queue order: score descending, then oldest, then id. */
    private static Map<ProfileId, List<WorkflowExecution>> queues(List<WorkflowExecution> executions) {
        Map<ProfileId, List<WorkflowExecution>> queues = new HashMap<>();
        executions.stream().filter(e -> !e.status().isTerminal())
                .sorted(Comparator.comparingInt(WorkflowExecution::priorityScore).reversed()
                        .thenComparing(WorkflowExecution::createdAt).thenComparing(e -> e.id().value()))
                .forEach(e -> queues.computeIfAbsent(e.assignedCsmId(), k -> new ArrayList<>()).add(e));
        return queues;
    }

    private static List<ExecutionId> top(List<WorkflowExecution> queue) {
        return queue.stream().limit(TOP_N).map(WorkflowExecution::id).toList();
    }

    private static List<SimulationReport.LabelTotal> labels(List<WorkflowExecution> before,
            List<WorkflowExecution> after, Policies current, Policies candidate) {
        Map<PriorityLabel, long[]> totals = new EnumMap<>(PriorityLabel.class);
        for (PriorityLabel label : PriorityLabel.values()) {
            totals.put(label, new long[2]);
        }
        before.stream().filter(e -> !e.status().isTerminal())
                .forEach(e -> totals.get(current.priority().labels().labelFor(e.priorityScore()))[0]++);
        after.stream().filter(e -> !e.status().isTerminal())
                .forEach(e -> totals.get(candidate.priority().labels().labelFor(e.priorityScore()))[1]++);
        return totals.entrySet().stream()
                .map(e -> new SimulationReport.LabelTotal(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }
}
