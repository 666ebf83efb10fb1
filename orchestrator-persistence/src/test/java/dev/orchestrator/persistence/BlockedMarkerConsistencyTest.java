package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.OutboundPorts;
import dev.orchestrator.core.application.port.out.CatalogLoader;
import dev.orchestrator.core.application.port.out.CatalogWrites;
import dev.orchestrator.core.domain.catalog.ExecutionEntry;
import dev.orchestrator.core.domain.catalog.SignalValues;
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
import dev.orchestrator.core.domain.lifecycle.Lifecycle;
import dev.orchestrator.core.domain.lifecycle.Transition;
import dev.orchestrator.core.domain.lifecycle.TransitionResult;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.queue.QueueMode;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.core.testing.World;
import dev.orchestrator.persistence.testing.PooledPostgresFixture;
import dev.orchestrator.persistence.testing.PostgresFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stored {@code blocked} marker (V41) stays what the rule says through random writes, each through
 * the product's own PostgreSQL write path: a creation ({@code insertNew}), a start, a completion, a skip,
 * a snooze, a wake (transitions through {@code saveTransition}), a definition's {@code depends_on}
 * rewritten ({@code saveDefinition}), the interpreter (daily, and a signal update that triggers work), an
 * import of executions (new ones, status changes, a move to another customer) and the daily auto-close.
 * After every step each row's marker is compared with {@code DependencySql.blocked} evaluated live and
 * with {@link DependencyRule} over the stored rows, and the queue with the rows not blocked. Each kind of
 * write must have changed what the rule says at least once, so that a path that forgot its refresh fails.
 */
class BlockedMarkerConsistencyTest {

    @RegisterExtension
    static final PooledPostgresFixture DATABASE = new PooledPostgresFixture();

    private enum Step {
        CREATE, START, COMPLETE, SKIP, SNOOZE, WAKE, DEPENDS_ON, INTERPRET, SIGNALS, IMPORT, AUTO_CLOSE
    }

    /** The steps drawn from: a completion and a snooze change the rule more rarely, so they come twice as often. */
    private static final List<Step> DRAWN = java.util.stream.Stream.concat(java.util.Arrays.stream(Step.values()),
            java.util.stream.Stream.of(Step.COMPLETE, Step.SNOOZE)).toList();

    /** Risk ≥ 5 triggers it; signals that fall clear of it by 1 close it at the next daily run. */
    private static final Map<String, Object> WATCHED = Map.of("risk_score_min", 5, "cooldown_days", 1,
            "auto_close", Map.of("margin", 1, "after_runs", 1));
    private static final SignalValues RISKY = SignalValues.of(World.signals(5, 8, 40));
    private static final SignalValues CLEARED = SignalValues.of(World.signals(5, 2, 40));

    private final PortsFixture fixture = DATABASE.newFixture();
    private final OutboundPorts ports = fixture.ports();
    private final Random random = new Random(41);
    private final Map<Step, Integer> ruleChanges = new EnumMap<>(Step.class);
    private final Map<Step, Integer> steps = new EnumMap<>(Step.class);
    private long blockedSeen;
    private long autoClosed;

    private World world;
    private List<WorkflowDefinition> definitions;
    private List<Customer> customers;
    private Instant now;

    @Test
    void theStoredMarkerIsTheRuleAfterEveryWriteOfEveryPath() {
        for (int round = 0; round < 4; round++) {
            setUp();
            Map<UUID, Boolean> rule = check("setup");
            for (int i = 0; i < 200; i++) {
                now = now.plus(Duration.ofHours(6 + random.nextInt(30)));
                Step step = DRAWN.get(random.nextInt(DRAWN.size()));
                run(step);
                steps.merge(step, 1, Integer::sum);
                Map<UUID, Boolean> after = check("round " + round + ", step " + i + " (" + step + ")");
                Map<UUID, Boolean> before = rule;
                long changed = after.entrySet().stream()
                        .filter(e -> !e.getValue().equals(before.getOrDefault(e.getKey(), false))).count();
                ruleChanges.merge(step, (int) changed, Integer::sum);
                rule = after;
            }
        }
        assertThat(blockedSeen).as("blocked rows seen").isPositive();
        assertThat(autoClosed).as("executions auto-closed").isPositive();
        for (Step step : Step.values()) {
            if (step == Step.WAKE) {
                continue; // a wake cannot change the rule's answer (BlockedMarker): it runs, and is checked
            }
            assertThat(ruleChanges.getOrDefault(step, 0)).as("rule changes by %s (%s steps): %s", step, steps.get(step),
                    ruleChanges)
                    .isPositive();
        }
    }

    private void setUp() {
        world = new World(fixture);
        now = World.T0;
        definitions = new ArrayList<>();
        WorkflowType[] types = WorkflowType.values();
        for (int i = 0; i < 6; i++) {
            // The third one is triggered by signals and auto-closed; the others are created by hand.
            definitions.add(world.definition(types[i % types.length], 500 + 50 * i, i == 2 ? WATCHED : Map.of(), false));
        }
        customers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            customers.add(world.customer(i % 2 == 0 ? world.csm : world.teammate, World.signals(5, 8, 40)));
        }
        for (int i = 0; i < 4; i++) {
            dependsOn();
        }
    }

    private void run(Step step) {
        switch (step) {
            case CREATE -> create();
            case START -> transition(Set.of(ExecutionStatus.NOT_STARTED, ExecutionStatus.SNOOZED), new Transition.Start());
            case COMPLETE -> transition(Set.of(ExecutionStatus.UNDERWAY), new Transition.Complete());
            case SKIP -> transition(ExecutionStatus.ACTIVE, new Transition.Skip("not relevant"));
            case SNOOZE -> transition(ExecutionStatus.ACTIVE, new Transition.Snooze(1 + random.nextInt(5)));
            case WAKE -> transition(Set.of(ExecutionStatus.SNOOZED), new Transition.Wake());
            case DEPENDS_ON -> dependsOn();
            case INTERPRET -> ports.interpretation().interpret(random.nextBoolean() ? Optional.of(world.org)
                    : Optional.empty(), SignalPolicy.STANDARD, PriorityPolicy.STANDARD, today(), now);
            case SIGNALS -> signals();
            case IMPORT -> importExecution();
            case AUTO_CLOSE -> autoClosed += ports.lifecycle().autoClose(random.nextBoolean() ? Optional.of(world.org)
                    : Optional.empty(), SignalPolicy.STANDARD, today(), now).closed();
        }
    }

    private void create() {
        Customer customer = pick(customers);
        WorkflowDefinition definition = pick(definitions);
        WorkflowExecution fresh = WorkflowExecution.create(ExecutionId.of(world.nextUuid()), world.org, definition.id(),
                customer.id(), customer.csmId(), false, 600, now);
        ports.writer().insertNew(List.of(fresh), List.of(new ExecutionEvent(fresh.id(), world.org, world.csm.id(),
                Action.CREATE, null, ExecutionStatus.NOT_STARTED, null, null, null, now)));
    }

    private void transition(Set<ExecutionStatus> from, Transition transition) {
        List<WorkflowExecution> candidates = fixture.storedExecutions(world.org).stream()
                .filter(e -> from.contains(e.status())).toList();
        // Half of the time the signal-triggered definition's, a prerequisite of all the others.
        List<WorkflowExecution> prerequisites = candidates.stream()
                .filter(e -> e.definitionId().equals(definitions.get(2).id())).toList();
        if (!prerequisites.isEmpty() && random.nextBoolean()) {
            candidates = prerequisites;
        }
        if (candidates.isEmpty()) {
            return;
        }
        WorkflowExecution current = pick(candidates);
        TransitionResult result = Lifecycle.apply(current, transition, null, world.csm.id(), now);
        assertThat(result).isInstanceOf(TransitionResult.Applied.class);
        TransitionResult.Applied applied = (TransitionResult.Applied) result;
        ports.writer().saveTransition(applied.execution(), current.status(), current.version(), applied.event(), null);
    }

    /**
     * A signal update of one customer: cleared where it has open signal-triggered work (the next
     * auto-close closes it), risky where it has none (the update's interpretation creates it).
     */
    private void signals() {
        Customer customer = pick(customers);
        boolean open = fixture.storedExecutions(world.org).stream().anyMatch(e -> e.customerId().equals(customer.id())
                && e.definitionId().equals(definitions.get(2).id()) && !e.status().isTerminal());
        ports.catalogWrites().applySignals(world.org, List.of(new CatalogWrites.SignalUpdate(customer.id(),
                open ? CLEARED : RISKY)), scoring());
    }

    /** A definition's dependencies rewritten: some of those made before it (no cycle), random windows. */
    private void dependsOn() {
        int index = 1 + random.nextInt(definitions.size() - 1);
        WorkflowDefinition d = definitions.get(index);
        List<Dependency> dependsOn = new ArrayList<>();
        for (int j = 0; j < index; j++) {
            // The fourth depends on the signal-triggered one alone, so that its close (a completion, an
            // auto-close) releases something; the others on a random half of those before them.
            if (index == 3 ? j == 2 : random.nextInt(2) == 0) {
                Integer days = random.nextBoolean() ? null : 1 + random.nextInt(3);
                dependsOn.add(new Dependency(definitions.get(j).id(), days,
                        random.nextBoolean() ? WhileOpen.CREATE : WhileOpen.WAIT));
            }
        }
        WorkflowDefinition changed = new WorkflowDefinition(d.id(), d.organizationId(), d.name(), d.type(), d.description(),
                d.triggerConditions(), d.priorityWeight(), d.active(), d.demo(), d.steps(), dependsOn);
        assertThat(ports.catalogWrites().saveDefinition(changed, OptionalLong.empty(), scoring()))
                .isInstanceOf(CatalogWrites.Outcome.Saved.class);
        definitions.set(index, changed);
    }

    /** An import of one execution: a new one, or a stored one with another status or moved to another customer. */
    private void importExecution() {
        List<WorkflowExecution> stored = fixture.storedExecutions(world.org);
        ExecutionStatus status = pick(List.of(ExecutionStatus.values()));
        ExecutionId id;
        DefinitionId definition;
        Customer customer;
        if (stored.isEmpty() || random.nextInt(3) == 0) {
            id = ExecutionId.of(world.nextUuid());
            definition = pick(definitions).id();
            customer = pick(customers);
        } else {
            WorkflowExecution e = pick(stored);
            id = e.id();
            definition = e.definitionId();
            customer = random.nextBoolean() ? customerOf(e) : pick(customers);
            status = random.nextBoolean() ? e.status() : status;
        }
        ExecutionEntry entry = new ExecutionEntry(id, world.org, definition, customer.id(), customer.csmId(), status,
                status == ExecutionStatus.SNOOZED ? now.plus(Duration.ofDays(3)) : null,
                status == ExecutionStatus.SKIPPED ? "imported" : null, null, false, null);
        try (CatalogLoader.Session session = ports.catalogLoader().begin(now)) {
            // A second open execution of a customer and definition is refused: then nothing is written.
            if (session.executions(List.of(new CatalogLoader.Located<>("executions[0]", entry))).isEmpty()) {
                session.commit();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The marker of every row of the world's organization, compared with the rule evaluated live
     * ({@code DependencySql.blocked}) and with {@link DependencyRule} over the stored rows; and the queue
     * with the open rows not blocked. Returns the rule's answer per row.
     */
    private Map<UUID, Boolean> check(String when) {
        DSLContext sql = ((PostgresFixture) fixture).sql();
        var e = WORKFLOW_EXECUTIONS.as("e");
        var rule = DSL.field(DependencySql.blocked(e.ORGANIZATION_ID, e.CUSTOMER_ID, e.WORKFLOW_DEFINITION_ID, e.STATUS,
                e.CREATED_AT));
        Map<UUID, Boolean> stored = new TreeMap<>();
        Map<UUID, Boolean> live = new TreeMap<>();
        sql.select(e.ID, e.BLOCKED, rule).from(e).where(e.ORGANIZATION_ID.eq(world.org.value())).fetch()
                .forEach(r -> {
                    stored.put(r.value1(), r.value2());
                    live.put(r.value1(), r.value3());
                });
        assertThat(stored).as("stored markers vs DependencySql.blocked, after %s", when).isEqualTo(live);

        List<WorkflowExecution> executions = fixture.storedExecutions(world.org);
        Map<DefinitionId, List<Dependency>> dependsOn = new HashMap<>();
        definitions.forEach(d -> dependsOn.put(d.id(), d.dependsOn()));
        Map<UUID, Boolean> core = new TreeMap<>();
        for (WorkflowExecution x : executions) {
            List<DependencyRule.Run> runs = executions.stream()
                    .filter(o -> o.customerId().equals(x.customerId()) && !o.id().equals(x.id()))
                    .map(o -> new DependencyRule.Run(o.id(), o.definitionId(), o.status(), o.completedAt())).toList();
            core.put(x.id().value(), DependencyRule.blocked(x.status(), x.createdAt(), dependsOn.get(x.definitionId()), runs));
        }
        assertThat(stored).as("stored markers vs DependencyRule, after %s", when).isEqualTo(core);

        Set<UUID> queued = ports.queues().queue(world.org, world.csm.id(), QueueMode.PRODUCTION, 200).stream()
                .map(q -> q.execution().id().value()).collect(Collectors.toSet());
        Set<UUID> open = executions.stream()
                .filter(x -> x.assignedCsmId().equals(world.csm.id()) && !x.status().isTerminal()
                        && !core.get(x.id().value()))
                .map(x -> x.id().value()).collect(Collectors.toSet());
        assertThat(queued).as("the queue after %s", when).isEqualTo(open);
        blockedSeen += core.values().stream().filter(b -> b).count();
        return live;
    }

    private Customer customerOf(WorkflowExecution e) {
        return customers.stream().filter(c -> c.id().equals(e.customerId())).findFirst().orElseThrow();
    }

    private CatalogWrites.Scoring scoring() {
        return new CatalogWrites.Scoring(PriorityPolicy.STANDARD, SignalPolicy.STANDARD, today(), now);
    }

    private LocalDate today() {
        return now.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
