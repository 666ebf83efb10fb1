package dev.orchestrator.core.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.in.ImportCatalog;
import dev.orchestrator.core.application.port.in.ManageDefinitions;
import dev.orchestrator.core.application.port.in.ViewQueue;
import dev.orchestrator.core.domain.catalog.CatalogSection;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.dependency.Dependency;
import dev.orchestrator.core.domain.dependency.WhileOpen;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.lifecycle.ExecutionEvent;
import dev.orchestrator.core.domain.lifecycle.Transition;
import dev.orchestrator.core.domain.queue.QueueMode;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.core.testing.InMemoryPorts;
import dev.orchestrator.core.testing.MutableClock;
import dev.orchestrator.core.testing.SequentialIds;
import dev.orchestrator.core.testing.World;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Workflow dependencies through the use cases: validation of depends_on, the queue, start, the detail, release. */
class DependenciesTest {

    private InMemoryPorts store;
    private MutableClock clock;
    private Orchestrator orchestrator;
    private World world;
    private WorkflowDefinition strategic;
    private WorkflowDefinition expansion;
    private Customer customer;

    @BeforeEach
    void setUp() {
        store = new InMemoryPorts(new SequentialIds(7));
        clock = new MutableClock(World.T0.plus(Duration.ofDays(1)));
        orchestrator = new Orchestrator(store.ports(), clock);
        world = new World(store);
        strategic = world.definition(WorkflowType.STRATEGIC, 700, Map.of(), false);
        expansion = world.dependent(WorkflowType.OPPORTUNITY, 800, Map.of(), List.of(Dependency.on(strategic.id())));
        customer = world.customer(world.csm, World.signals(3, 5, 40));
    }

    private static Map<String, Object> body(String name, Object dependsOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("workflow_type", "custom");
        body.put("depends_on", dependsOn);
        return body;
    }

    private Result<ManageDefinitions.Written> create(Map<String, Object> body) {
        return orchestrator.manageDefinitions().create(world.admin, new JsonObject(body));
    }

    private static List<Failure.FieldError> errors(Result<?> result) {
        return ((Failure.Invalid) ((Result.Err<?>) result).failure()).errors();
    }

    @Test
    void aDefinitionIsWrittenAndShownWithItsDependencies() {
        Result<ManageDefinitions.Written> written = create(body("Executive sponsor", List.of(
                strategic.id().toString(),
                Map.of("definition_id", expansion.id().toString(), "completed_within_days", 90, "while_open", "wait"))));

        WorkflowDefinition d = written.orElseThrow().definition().value();
        assertThat(d.dependsOn()).containsExactly(Dependency.on(strategic.id()),
                new Dependency(expansion.id(), 90, WhileOpen.WAIT));
        assertThat(orchestrator.manageDefinitions().get(world.admin, d.id()).orElseThrow().value().dependsOn())
                .isEqualTo(d.dependsOn());
    }

    @Test
    void unknownOtherOrganizationsAndSelfDependenciesAreRefusedNamingTheField() {
        World other = new World(store);
        WorkflowDefinition foreign = other.definition(WorkflowType.RISK, 900, Map.of(), false);
        String unknown = world.nextUuid().toString();

        assertThat(errors(create(body("A", List.of(unknown, foreign.id().toString())))))
                .extracting(Failure.FieldError::field)
                .containsExactly("depends_on[0].definition_id", "depends_on[1].definition_id");
        assertThat(errors(create(body("A", List.of(Map.of("definition_id", strategic.id().toString(),
                "completed_within_days", 0, "while_open", "later"))))))
                .extracting(Failure.FieldError::field)
                .containsExactly("depends_on[0].completed_within_days", "depends_on[0].while_open");
        assertThat(errors(orchestrator.manageDefinitions().patch(world.admin, strategic.id(),
                new JsonObject(Map.of("depends_on", List.of(strategic.id().toString()))), OptionalLong.empty())))
                .containsExactly(new Failure.FieldError("depends_on[0].definition_id", "must not be the definition itself"));
        assertThat(errors(create(body("A", List.of(strategic.id().toString(), strategic.id().toString())))))
                .extracting(Failure.FieldError::field).containsExactly("depends_on[1].definition_id");
        assertThat(errors(create(body("A", "nope")))).extracting(Failure.FieldError::field).containsExactly("depends_on");
    }

    @Test
    void aCycleIsRefusedAndNamedAndNothingIsWritten() {
        Result<ManageDefinitions.Written> refused = orchestrator.manageDefinitions().patch(world.admin, strategic.id(),
                new JsonObject(Map.of("depends_on", List.of(expansion.id().toString()))), OptionalLong.empty());

        assertThat(errors(refused)).containsExactly(new Failure.FieldError("depends_on",
                "would make a cycle: " + strategic.name() + " → " + expansion.name() + " → " + strategic.name()));
        assertThat(orchestrator.manageDefinitions().get(world.admin, strategic.id()).orElseThrow().value().dependsOn())
                .isEmpty();
    }

    @Test
    void anImportIsRefusedWhenItsDefinitionsMakeACycleWithThemselvesOrTheStoredOnes() {
        ImportCatalog.Import run = orchestrator.importCatalog().begin();
        DefinitionId a = new DefinitionId(world.nextUuid());
        Map<String, Object> rowA = body("A", List.of(expansion.id().toString()));
        rowA.put("id", a.toString());
        rowA.put("organization_id", world.org.toString());
        Map<String, Object> rowStrategic = body(strategic.name(), List.of(a.toString()));
        rowStrategic.put("id", strategic.id().toString());
        rowStrategic.put("organization_id", world.org.toString());
        run.check(CatalogSection.WORKFLOW_DEFINITIONS, 0, new JsonObject(rowA));
        run.check(CatalogSection.WORKFLOW_DEFINITIONS, 1, new JsonObject(rowStrategic));
        run.finishChecks();

        assertThat(run.problems().kept()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("workflow_definitions[0].depends_on");
            assertThat(p.reason()).isEqualTo("would make a cycle: A → " + expansion.id() + " → " + strategic.name()
                    + " → A");
        });
    }

    @Test
    void anImportChecksThatPrerequisitesExistInTheOrganization() {
        ImportCatalog.Import run = orchestrator.importCatalog().begin();
        Map<String, Object> row = body("A", List.of(world.nextUuid().toString()));
        row.put("id", world.nextUuid().toString());
        row.put("organization_id", world.org.toString());
        run.check(CatalogSection.WORKFLOW_DEFINITIONS, 0, new JsonObject(row));
        run.finishChecks();

        assertThat(run.problems().kept()).singleElement()
                .satisfies(p -> assertThat(p.field()).isEqualTo("workflow_definitions[0].depends_on[0].definition_id"));
    }

    @Test
    void blockedWorkIsNotOfferedCannotBeStartedShowsWhatBlocksItAndIsReleasedWhenThePrerequisiteCompletes() {
        WorkflowExecution review = world.execution(strategic, customer, world.csm, ExecutionStatus.UNDERWAY, 700, World.T0);
        WorkflowExecution upsell = world.execution(expansion, customer, world.csm, ExecutionStatus.NOT_STARTED, 990,
                World.T0);

        assertThat(queue()).containsExactly(review);
        Result<?> start = orchestrator.transitionExecution().transition(world.csm, upsell.id(), new Transition.Start(), null);
        assertThat(start).isInstanceOfSatisfying(Result.Err.class, err -> {
            Failure.Blocked blocked = (Failure.Blocked) err.failure();
            assertThat(blocked.blockedBy()).singleElement().satisfies(b -> {
                assertThat(b.prerequisiteName()).isEqualTo(strategic.name());
                assertThat(b.blocker().prerequisite()).isEqualTo(strategic.id());
                assertThat(b.blocker().blockingExecution()).isEqualTo(review.id());
            });
            assertThat(blocked.message()).contains(strategic.name(), strategic.id().toString(), review.id().toString());
        });
        assertThat(store.storedExecution(world.org, upsell.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.NOT_STARTED);
        assertThat(orchestrator.viewExecutions().execution(world.csm, upsell.id()).orElseThrow().blockedBy())
                .singleElement().satisfies(b -> assertThat(b.blocker().blockingExecution()).isEqualTo(review.id()));

        assertThat(orchestrator.transitionExecution().transition(world.csm, review.id(), new Transition.Complete(), null))
                .isInstanceOf(Result.Ok.class);

        List<ExecutionEvent> events = store.eventsOf(world.org, upsell.id());
        assertThat(events.get(events.size() - 1).action()).isEqualTo(Action.UNBLOCKED);
        assertThat(events.get(events.size() - 1).occurredAt()).isEqualTo(clock.instant());
        assertThat(orchestrator.viewExecutions().execution(world.csm, upsell.id()).orElseThrow().blockedBy()).isEmpty();
        assertThat(queue()).extracting(WorkflowExecution::id).containsExactly(upsell.id());
        assertThat(orchestrator.transitionExecution().transition(world.csm, upsell.id(), new Transition.Start(), null))
                .isInstanceOf(Result.Ok.class);
    }

    @Test
    void skippingThePrerequisiteReleasesADependentWithoutAWindowButNotOneThatNeedsACompletion() {
        WorkflowDefinition needsCompletion = world.dependent(WorkflowType.RENEWAL, 600, Map.of(),
                List.of(new Dependency(strategic.id(), 30, WhileOpen.CREATE)));
        WorkflowExecution review = world.execution(strategic, customer, world.csm, ExecutionStatus.NOT_STARTED, 700,
                World.T0);
        WorkflowExecution upsell = world.execution(expansion, customer, world.csm, ExecutionStatus.NOT_STARTED, 800,
                World.T0);
        WorkflowExecution renewal = world.execution(needsCompletion, customer, world.csm, ExecutionStatus.NOT_STARTED,
                600, World.T0);

        orchestrator.transitionExecution().transition(world.csm, review.id(), new Transition.Skip("not relevant"), null)
                .orElseThrow();

        assertThat(store.eventsOf(world.org, upsell.id())).extracting(ExecutionEvent::action).contains(Action.UNBLOCKED);
        assertThat(store.eventsOf(world.org, renewal.id())).extracting(ExecutionEvent::action)
                .doesNotContain(Action.UNBLOCKED);
        assertThat(queue()).extracting(WorkflowExecution::id).containsExactly(upsell.id());
    }

    @Test
    void anAutoClosedPrerequisiteReleasesItsDependentsWithAnEvent() {
        WorkflowDefinition churn = world.definition(WorkflowType.RISK, 900, Map.of("risk_score_min", 5,
                "auto_close", Map.of("margin", 1, "after_runs", 1)), false);
        WorkflowDefinition winBack = world.dependent(WorkflowType.OPPORTUNITY, 800, Map.of(),
                List.of(Dependency.on(churn.id())));
        Customer risky = world.customer(world.csm, World.signals(5, 10, 5));
        orchestrator.interpretSignals().interpret(Optional.of(world.org));
        WorkflowExecution save = store.storedExecutions(world.org).stream()
                .filter(e -> e.definitionId().equals(churn.id()) && e.customerId().equals(risky.id())).findFirst()
                .orElseThrow();
        WorkflowExecution play = world.execution(winBack, risky, world.csm, ExecutionStatus.NOT_STARTED, 800, World.T0);
        assertThat(queue()).extracting(WorkflowExecution::id).doesNotContain(play.id());

        store.givenCustomer(risky, World.signals(5, 0, 95)); // the risk is gone
        clock.advance(Duration.ofDays(1));
        orchestrator.applyLifecycleRules().apply(Optional.of(world.org));

        assertThat(store.storedExecution(world.org, save.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.SKIPPED);
        List<ExecutionEvent> events = store.eventsOf(world.org, play.id());
        assertThat(events).extracting(ExecutionEvent::action).containsExactly(Action.UNBLOCKED);
        assertThat(queue()).extracting(WorkflowExecution::id).contains(play.id());
    }

    private List<WorkflowExecution> queue() {
        return orchestrator.viewQueue().queue(world.csm, new ViewQueue.Query(Optional.empty(), QueueMode.PRODUCTION, 10))
                .orElseThrow().stream().map(i -> i.entry().execution()).toList();
    }
}
