package dev.orchestrator.core.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.in.InitializeDemo;
import dev.orchestrator.core.application.port.in.TransitionExecution;
import dev.orchestrator.core.application.port.in.ViewQueue;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.lifecycle.Transition;
import dev.orchestrator.core.domain.priority.PriorityLabel;
import dev.orchestrator.core.domain.queue.DemoProgress;
import dev.orchestrator.core.domain.queue.QueueMode;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.core.testing.InMemoryPorts;
import dev.orchestrator.core.testing.MutableClock;
import dev.orchestrator.core.testing.SequentialIds;
import dev.orchestrator.core.testing.World;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import dev.orchestrator.core.domain.execution.ExecutionSteps;
import dev.orchestrator.core.domain.workflow.StepCondition;
import dev.orchestrator.core.domain.workflow.TemplateStep;
import org.junit.jupiter.api.Test;

/** The use cases end to end on the in-memory ports: access rules, validation and results. */
class UseCasesTest {

    private InMemoryPorts store;
    private MutableClock clock;
    private Orchestrator orchestrator;
    private World world;
    private WorkflowDefinition risk;
    private Customer customer;

    @BeforeEach
    void setUp() {
        store = new InMemoryPorts(new SequentialIds(7));
        clock = new MutableClock(World.T0);
        orchestrator = new Orchestrator(store.ports(), clock);
        world = new World(store);
        risk = world.definition(WorkflowType.RISK, 900, Map.of("risk_score_min", 5), false);
        customer = world.customer(world.csm, World.signals(5, 8, 40));
    }

    private WorkflowExecution execution(ExecutionStatus status) {
        return world.execution(risk, customer, world.csm, status, 965, World.T0);
    }

    private Result<TransitionExecution.Outcome> transition(Profile caller, WorkflowExecution e, Transition t) {
        return orchestrator.transitionExecution().transition(caller, e.id(), t, null);
    }

    @Test
    void queueItemsCarryAnExplainedPriority() {
        execution(ExecutionStatus.NOT_STARTED);

        List<ViewQueue.QueueItem> queue = orchestrator.viewQueue()
                .queue(world.csm, new ViewQueue.Query(Optional.empty(), QueueMode.PRODUCTION, 10)).orElseThrow();

        assertThat(queue).singleElement().satisfies(item -> {
            assertThat(item.priority().value()).isEqualTo(965);
            assertThat(item.priority().label()).isEqualTo(PriorityLabel.CRITICAL);
            assertThat(item.priority().explanation()).hasSize(3);
        });
    }

    @Test
    void queueLimitMustBeOneToOneHundred() {
        for (int limit : new int[] {0, 101}) {
            assertThat(orchestrator.viewQueue().queue(world.csm, new ViewQueue.Query(Optional.empty(), QueueMode.PRODUCTION, limit)))
                    .isEqualTo(Result.err(Failure.Invalid.of("limit", "must be between 1 and 100")));
        }
    }

    @Test
    void onlyTheManagerOfACsmOrAnAdminMayReadTheirQueue() {
        ViewQueue.Query csmQueue = new ViewQueue.Query(Optional.of(world.csm.id()), QueueMode.PRODUCTION, 10);
        World otherOrg = new World(store);

        assertThat(orchestrator.viewQueue().queue(world.manager, csmQueue)).isInstanceOf(Result.Ok.class);
        assertThat(orchestrator.viewQueue().queue(world.admin, csmQueue)).isInstanceOf(Result.Ok.class);
        assertThat(orchestrator.viewQueue().queue(world.teammate, csmQueue)).isInstanceOf(Result.Err.class);
        assertThat(orchestrator.viewQueue().queue(otherOrg.admin, csmQueue))
                .isInstanceOfSatisfying(Result.Err.class, err -> assertThat(err.failure()).isInstanceOf(Failure.Forbidden.class));
        assertThat(orchestrator.viewQueue().queue(world.manager,
                new ViewQueue.Query(Optional.of(ProfileId.of(world.nextUuid())), QueueMode.PRODUCTION, 10)))
                .isInstanceOf(Result.Err.class);
    }

    @Test
    void executionsAreInvisibleToOutsidersAndOtherOrganizations() {
        WorkflowExecution execution = execution(ExecutionStatus.UNDERWAY);
        World otherOrg = new World(store);

        for (Profile stranger : List.of(world.outsider, world.teammate, otherOrg.admin)) {
            assertThat(transition(stranger, execution, new Transition.Complete()))
                    .isInstanceOfSatisfying(Result.Err.class, err -> assertThat(err.failure()).isInstanceOf(Failure.NotFound.class));
        }
        assertThat(store.storedExecution(world.org, execution.id())).contains(execution);
    }

    @Test
    void theManagerTheAdminAndTheEscalationUserMayActOnAnExecution() {
        WorkflowExecution execution = execution(ExecutionStatus.UNDERWAY);

        WorkflowExecution escalated = transition(world.manager, execution, new Transition.Escalate(world.outsider.id()))
                .orElseThrow().execution();
        assertThat(escalated.assignedCsmId()).isEqualTo(world.csm.id());
        assertThat(escalated.escalationUserId()).isEqualTo(world.outsider.id());
        assertThat(transition(world.outsider, escalated, new Transition.Snooze(2))).isInstanceOf(Result.Ok.class);
        assertThat(store.storedExecution(world.org, execution.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.SNOOZED);
        assertThat(transition(world.admin, escalated, new Transition.Start())).isInstanceOf(Result.Ok.class);
    }

    @Test
    void escalatingToSomeoneOutsideTheOrganizationIsInvalid() {
        WorkflowExecution execution = execution(ExecutionStatus.NOT_STARTED);
        World otherOrg = new World(store);

        assertThat(transition(world.csm, execution, new Transition.Escalate(otherOrg.manager.id())))
                .isEqualTo(Result.err(Failure.Invalid.of("escalation_user_id", "must be a profile of your organization")));
    }

    @Test
    void snoozeRecomputesThePriorityAndRecordsTheEvent() {
        WorkflowExecution execution = execution(ExecutionStatus.UNDERWAY);

        TransitionExecution.Outcome outcome = transition(world.csm, execution, new Transition.Snooze(10)).orElseThrow();

        assertThat(outcome.priority().value()).isEqualTo(390);
        assertThat(outcome.execution().priorityScore()).isEqualTo(390);
        assertThat(store.eventsOf(world.org, execution.id())).singleElement()
                .satisfies(e -> assertThat(e.action()).isEqualTo(Action.SNOOZE));
    }

    @Test
    void aForbiddenTransitionNamesTheCurrentStatus() {
        WorkflowExecution execution = execution(ExecutionStatus.COMPLETED);

        assertThat(transition(world.csm, execution, new Transition.Start()))
                .isEqualTo(Result.err(new Failure.Rejected(ExecutionStatus.COMPLETED, Action.START)));
    }

    @Test
    void demoInitializationIsIdempotentAndProgressAdvances() {
        WorkflowDefinition executive = world.definition(WorkflowType.RISK, 900, Map.of("order", 3), true);
        WorkflowDefinition strategic = world.definition(WorkflowType.STRATEGIC, 700, Map.of("order", 1), true);
        WorkflowDefinition expansion = world.definition(WorkflowType.OPPORTUNITY, 800, Map.of("order", 2), true);
        InitializeDemo demo = orchestrator.initializeDemo();

        InitializeDemo.Initialization first = demo.initialize(world.csm, customer.id(), Optional.empty()).orElseThrow();
        InitializeDemo.Initialization second = demo.initialize(world.csm, customer.id(), Optional.empty()).orElseThrow();

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.executionIds()).isEqualTo(first.executionIds()).hasSize(3);
        List<WorkflowDefinition> order = first.executionIds().stream()
                .map(id -> store.findExecution(world.org, id).orElseThrow().definition()).toList();
        assertThat(order).containsExactly(strategic, expansion, executive);

        for (ExecutionId id : first.executionIds()) {
            DemoProgress progress = orchestrator.viewDemoProgress().progress(world.csm, Optional.empty()).orElseThrow();
            assertThat(progress.current()).hasValueSatisfying(c -> assertThat(c.execution().id()).isEqualTo(id));
            WorkflowExecution current = store.storedExecution(world.org, id).orElseThrow();
            WorkflowExecution started = transition(world.csm, current, new Transition.Start()).orElseThrow().execution();
            transition(world.csm, started, new Transition.Complete()).orElseThrow();
            clock.advance(Duration.ofMinutes(1));
        }
        DemoProgress done = orchestrator.viewDemoProgress().progress(world.csm, Optional.empty()).orElseThrow();
        assertThat(done).isEqualTo(new DemoProgress(3, 3, Optional.empty(), Optional.empty()));
    }

    @Test
    void aDemoDefinitionsTemplateStepsAreTheDemoExecutionsChecklistAndCompletionWaitsForThem() {
        WorkflowDefinition strategic = world.definition(WorkflowType.STRATEGIC, 700, Map.of("order", 1), true,
                List.of(new TemplateStep("plan", "Review the account plan", null, 1, false),
                        new TemplateStep("never", "Only for a very high opportunity",
                                new StepCondition(new java.math.BigDecimal("10"), null, List.of()), null, false)));

        ExecutionId id = orchestrator.initializeDemo().initialize(world.csm, customer.id(), Optional.empty())
                .orElseThrow().executionIds().get(0);

        WorkflowExecution created = store.storedExecution(world.org, id).orElseThrow();
        assertThat(created.definitionId()).isEqualTo(strategic.id());
        assertThat((List<?>) created.executionData().values().get("steps")).singleElement()
                .satisfies(step -> assertThat(step.toString()).contains("key=plan", "done=false"));
        WorkflowExecution started = transition(world.csm, created, new Transition.Start()).orElseThrow().execution();
        assertThat(transition(world.csm, started, new Transition.Complete())).isEqualTo(Result.err(
                new Failure.StepsOpen(List.of(new ExecutionSteps.Open("plan", "Review the account plan")))));
    }

    @Test
    void demoInitializationForAnUnknownCustomerIsNotFound() {
        world.definition(WorkflowType.STRATEGIC, 700, Map.of("order", 1), true);

        assertThat(orchestrator.initializeDemo().initialize(world.csm, CustomerId.of(world.nextUuid()), Optional.empty()))
                .isInstanceOfSatisfying(Result.Err.class, err -> assertThat(err.failure()).isInstanceOf(Failure.NotFound.class));
    }

    @Test
    void theJobsRunOnTheClocksUtcDay() {
        WorkflowExecution snoozed = execution(ExecutionStatus.SNOOZED);

        var report = orchestrator.recomputePriorities().recompute(Optional.of(world.org));

        assertThat(report.examined()).isEqualTo(1);
        assertThat(store.storedExecution(world.org, snoozed.id()).orElseThrow().priorityScore()).isEqualTo(395);
        assertThat(orchestrator.interpretSignals().interpret(Optional.of(world.org)).total()).isZero();
        assertThat(orchestrator.checkHealth().ready()).isTrue();
        assertThat(orchestrator.identifyCaller().identify(world.csm.id())).contains(world.csm);
    }

    @Test
    void preparedTransitionsAreTheSingleCallsOnWhatWasReadOnce() {
        WorkflowExecution mine = execution(ExecutionStatus.NOT_STARTED);
        WorkflowExecution outsiders = world.execution(risk, world.customer(world.outsider, World.signals(5, 8, 40)),
                world.outsider, ExecutionStatus.NOT_STARTED, 965, World.T0);
        TransitionExecution transitions = orchestrator.transitionExecution();

        TransitionExecution.Prepared prepared = transitions.prepare(world.manager, List.of(mine.id(), outsiders.id()));

        assertThat(prepared.transition(mine.id(), new Transition.Snooze(3), null).orElseThrow().execution().status())
                .isEqualTo(ExecutionStatus.SNOOZED);
        // Visibility as a single call judges it: the outsider's work is not the manager's team's.
        assertThat(prepared.transition(outsiders.id(), new Transition.Snooze(3), null))
                .isInstanceOfSatisfying(Result.Err.class, err -> assertThat(err.failure()).isInstanceOf(Failure.NotFound.class));
        assertThat(prepared.transition(ExecutionId.of(world.nextUuid()), new Transition.Snooze(3), null))
                .isInstanceOfSatisfying(Result.Err.class, err -> assertThat(err.failure()).isInstanceOf(Failure.NotFound.class));
    }

    @Test
    void aPreparedTransitionOnWorkChangedSinceTheReadIsDecidedOnItsStateNow() {
        WorkflowExecution saved = execution(ExecutionStatus.UNDERWAY);
        WorkflowExecution completed = execution(ExecutionStatus.UNDERWAY);
        TransitionExecution transitions = orchestrator.transitionExecution();
        TransitionExecution.Prepared prepared = transitions.prepare(world.csm, List.of(saved.id(), completed.id()));
        // After the read: progress saved on one (its version moves on, its status stays), the other completed.
        transitions.transition(world.csm, saved.id(), new Transition.UpdateData(),
                dev.orchestrator.core.domain.json.JsonObject.of(Map.of("note", "called"))).orElseThrow();
        transitions.transition(world.csm, completed.id(), new Transition.Complete(), null).orElseThrow();

        // A single call now would snooze the first and refuse the second: so does the prepared one, not a
        // 409 for a read a moment old (its write conflicts, and the item is tried again as a single call).
        assertThat(prepared.transition(saved.id(), new Transition.Snooze(2), null).orElseThrow().execution().status())
                .isEqualTo(ExecutionStatus.SNOOZED);
        assertThat(prepared.transition(completed.id(), new Transition.Snooze(2), null))
                .isEqualTo(Result.err(new Failure.Rejected(ExecutionStatus.COMPLETED, Action.SNOOZE)));
        assertThat(store.storedExecution(world.org, completed.id()).orElseThrow().status())
                .isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(prepared.transition(saved.id(), new Transition.Snooze(2), null, saved.version()))
                .isInstanceOfSatisfying(Result.Err.class, err -> assertThat(err.failure()).isInstanceOf(Failure.Stale.class));
    }
}
