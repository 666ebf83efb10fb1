package dev.orchestrator.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.out.CatalogReads.StoredCustomer;
import dev.orchestrator.core.application.port.out.CatalogWrites;
import dev.orchestrator.core.application.port.out.CatalogWrites.Outcome;
import dev.orchestrator.core.application.port.out.CatalogWrites.SignalOutcome;
import dev.orchestrator.core.application.port.out.CatalogWrites.SignalUpdate;
import dev.orchestrator.core.domain.catalog.ContactEntry;
import dev.orchestrator.core.domain.catalog.CustomerEntry;
import dev.orchestrator.core.domain.catalog.SignalValues;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.customer.RelationshipStrength;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.signals.SignalField;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import dev.orchestrator.core.domain.signals.Comparison;
import dev.orchestrator.core.domain.workflow.StepCondition;
import dev.orchestrator.core.domain.workflow.TemplateStep;
import dev.orchestrator.core.domain.workflow.TriggerConditions;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.scope.WorkScope;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@code CatalogReads} and {@code CatalogWrites}: versions checked and bumped, other
 * organizations' ids refused, and every write followed, in the same transaction, by the re-scoring
 * and interpretation of exactly what it touched.
 */
public abstract class CatalogWritesContract extends PortContract {

    private static final Instant NOW = Instant.parse("2026-03-10T06:00:00Z");
    private static final CatalogWrites.Scoring SCORING = new CatalogWrites.Scoring(PriorityPolicy.STANDARD,
            SignalPolicy.STANDARD, LocalDate.of(2026, 3, 10), NOW);

    private CatalogWrites writes() {
        return fixture.ports().catalogWrites();
    }

    @Test
    void aDefinitionIsVersionedAndItsWeightReScoresItsOpenExecutions() {
        WorkflowDefinition risk = world.definition(WorkflowType.RISK, 900, Map.of(), false);
        Customer customer = world.customer(world.csm, World.signals(3, 5, 50));
        WorkflowExecution open = world.execution(risk, customer, world.csm, ExecutionStatus.NOT_STARTED, 900, World.T0);
        WorkflowExecution done = world.execution(risk, customer, world.csm, ExecutionStatus.COMPLETED, 900, World.T0);
        long version = fixture.ports().catalogReads().definition(world.org, risk.id()).orElseThrow().version();

        WorkflowDefinition heavier = new WorkflowDefinition(risk.id(), world.org, risk.name(), risk.type(),
                risk.description(), risk.triggerConditions(), 950, true, false);
        Outcome saved = writes().saveDefinition(heavier, OptionalLong.of(version), SCORING);

        assertThat(saved).isInstanceOfSatisfying(Outcome.Saved.class, s -> {
            assertThat(s.version()).isEqualTo(version + 1);
            assertThat(s.created()).isFalse();
            assertThat(s.changes().rescored()).singleElement().satisfies(r -> {
                assertThat(r.execution()).isEqualTo(open.id());
                assertThat(r.from()).isEqualTo(900);
                assertThat(r.to()).isGreaterThan(r.from())
                        .isEqualTo(fixture.storedExecution(world.org, open.id()).orElseThrow().priorityScore());
            });
            assertThat(s.changes().created()).isEmpty();
        });
        assertThat(fixture.storedExecution(world.org, done.id()).orElseThrow().priorityScore()).isEqualTo(900);
        assertThat(fixture.ports().catalogReads().definition(world.org, risk.id()).orElseThrow().value()
                .priorityWeight()).isEqualTo(950);
        assertThat(writes().saveDefinition(heavier, OptionalLong.of(version), SCORING))
                .isEqualTo(new Outcome.Stale(OptionalLong.of(version + 1)));
    }

    @Test
    void aDefinitionsTemplateStepsAreStoredAndItsExecutionsGetThem() {
        Customer customer = world.customer(world.csm, World.signals(3, 8, 30));
        List<TemplateStep> steps = List.of(new TemplateStep("call", "Call the champion", null, 3, false),
                new TemplateStep("train", "Offer a training", new StepCondition(null, null, List.of(
                        new StepCondition.OnSignal(SignalField.USAGE_SCORE, Comparison.LESS_THAN, new BigDecimal("40")))),
                        null, true),
                new TemplateStep("upsell", "Propose the upgrade", new StepCondition(new BigDecimal("9"), null, List.of()),
                        null, false));
        WorkflowDefinition definition = new WorkflowDefinition(DefinitionId.of(world.nextUuid()), world.org,
                "Churn save", WorkflowType.RISK, null, new TriggerConditions(JsonObject.of(Map.of("risk_score_min", 0))),
                900, true, false, steps, List.of());

        Outcome saved = writes().saveDefinition(definition, OptionalLong.empty(), SCORING);

        assertThat(saved).isInstanceOf(Outcome.Saved.class);
        assertThat(fixture.ports().catalogReads().definition(world.org, definition.id()).orElseThrow().value().steps())
                .isEqualTo(steps);
        // A definition's write re-scores; the interpretation (daily, or on a signal write) creates its work.
        fixture.ports().interpretation().interpret(WorkScope.of(java.util.Optional.of(world.org)), SignalPolicy.STANDARD,
                PriorityPolicy.STANDARD, SCORING.today(), NOW);
        WorkflowExecution created = fixture.storedExecutions(world.org).stream()
                .filter(e -> e.customerId().equals(customer.id())).findFirst().orElseThrow();
        assertThat((List<?>) created.executionData().values().get("steps"))
                .extracting(step -> ((Map<?, ?>) step).get("key") + " due " + ((Map<?, ?>) step).get("due_at"))
                .containsExactly("call due 2026-03-13T00:00:00Z", "train due null");
    }

    @Test
    void anotherOrganizationsIdIsNeverWritten() {
        World other = new World(fixture);
        WorkflowDefinition theirs = other.definition(WorkflowType.RISK, 900, Map.of(), false);
        Customer theirCustomer = other.customer(other.csm, null);
        WorkflowDefinition stolen = new WorkflowDefinition(theirs.id(), world.org, "mine now", WorkflowType.RISK, null,
                null, 1, true, false);
        CustomerEntry stolenCustomer = new CustomerEntry(theirCustomer.id(), world.org, "mine", world.csm.id(), null,
                null, null, null, null);

        assertThat(writes().saveDefinition(stolen, OptionalLong.empty(), SCORING)).isEqualTo(new Outcome.Foreign());
        assertThat(writes().saveCustomer(stolenCustomer, OptionalLong.empty(), SCORING)).isEqualTo(new Outcome.Foreign());
        assertThat(fixture.ports().catalogReads().definition(other.org, theirs.id()).orElseThrow().value().name())
                .isEqualTo(theirs.name());
        assertThat(fixture.ports().catalogReads().customer(world.org, theirCustomer.id())).isEmpty();
        assertThat(writes().applySignals(world.org, List.of(new SignalUpdate(theirCustomer.id(), SignalValues.NONE)),
                SCORING)).singleElement().satisfies(o -> assertThat(o.found()).isFalse());
    }

    @Test
    void aNewCustomerIsCreatedAndItsSignalsInterpretedInTheSameWrite() {
        WorkflowDefinition risk = world.definition(WorkflowType.RISK, 900, Map.of("risk_score_min", 6), false);
        CustomerEntry entry = new CustomerEntry(CustomerId.of(world.nextUuid()), world.org, "Globex", world.csm.id(),
                new BigDecimal("420000.00"), LocalDate.parse("2027-06-30"), LocalDate.parse("2027-02-01"),
                new SignalValues(Map.of(SignalField.CHURN_RISK_SCORE, BigDecimal.valueOf(8))),
                List.of(new ContactEntry("Hank", "hank@globex.example", "CEO", RelationshipStrength.WEAK, true)));

        Outcome saved = writes().saveCustomer(entry, OptionalLong.empty(), SCORING);

        assertThat(saved).isInstanceOfSatisfying(Outcome.Saved.class, s -> {
            assertThat(s.created()).isTrue();
            assertThat(s.changes().created()).singleElement().satisfies(c -> {
                assertThat(c.definition()).isEqualTo(risk.id());
                assertThat(c.customer()).isEqualTo(entry.id());
                assertThat(c.priorityScore()).isPositive()
                        .isEqualTo(fixture.storedExecution(world.org, c.execution()).orElseThrow().priorityScore());
            });
            assertThat(s.changes().rescored()).isEmpty();
        });
        StoredCustomer stored = fixture.ports().catalogReads().customer(world.org, entry.id()).orElseThrow();
        assertThat(stored.entry().arr()).isEqualByComparingTo("420000.00");
        assertThat(stored.entry().renewalDate()).isEqualTo(entry.renewalDate());
        assertThat(stored.entry().annualReviewDate()).isEqualTo(entry.annualReviewDate());
        assertThat(stored.entry().contacts()).isEqualTo(entry.contacts());
        assertThat(stored.entry().properties().valueOf(SignalField.CHURN_RISK_SCORE)).isEqualByComparingTo("8");
        assertThat(stored.signals().hasStrongContact()).isFalse();
        assertThat(writes().saveCustomer(entry, OptionalLong.of(stored.version() + 5), SCORING))
                .isEqualTo(new Outcome.Stale(OptionalLong.of(stored.version())));
    }

    @Test
    void aNewCsmTakesTheCustomersOpenWorkWithAnEvent() {
        WorkflowDefinition risk = world.definition(WorkflowType.RISK, 900, Map.of(), false);
        Customer customer = world.customer(world.csm, World.signals(3, 5, 50));
        WorkflowExecution open = world.execution(risk, customer, world.csm, ExecutionStatus.UNDERWAY, 0, World.T0);
        CustomerEntry moved = new CustomerEntry(customer.id(), world.org, customer.name(), world.teammate.id(), null,
                null, null, null, null);

        Outcome saved = writes().saveCustomer(moved, OptionalLong.empty(), SCORING);

        assertThat(saved).isInstanceOfSatisfying(Outcome.Saved.class,
                s -> assertThat(s.changes().reassigned()).isEqualTo(1));
        assertThat(fixture.storedExecution(world.org, open.id()).orElseThrow().assignedCsmId())
                .isEqualTo(world.teammate.id());
        assertThat(fixture.eventsOf(world.org, open.id())).last()
                .satisfies(e -> assertThat(e.action()).isEqualTo(Action.REASSIGN));
    }

    @Test
    void signalUpdatesMergeIntoWhatIsStoredReScoreAndInterpret() {
        WorkflowDefinition risk = world.definition(WorkflowType.RISK, 900, Map.of("risk_score_min", 9), false);
        WorkflowDefinition custom = world.definition(WorkflowType.RISK, 800, Map.of(), false);
        Customer customer = world.customer(world.csm, World.signals(3, 2, 50));
        Customer untouched = world.customer(world.csm, World.signals(3, 2, 50));
        WorkflowExecution open = world.execution(custom, customer, world.csm, ExecutionStatus.NOT_STARTED, 0, World.T0);
        WorkflowExecution other = world.execution(custom, untouched, world.csm, ExecutionStatus.NOT_STARTED, 0, World.T0);
        CustomerId unknown = CustomerId.of(world.nextUuid());

        List<SignalOutcome> outcomes = writes().applySignals(world.org, List.of(
                new SignalUpdate(customer.id(), new SignalValues(Map.of(SignalField.CHURN_RISK_SCORE, BigDecimal.valueOf(7)))),
                new SignalUpdate(unknown, SignalValues.NONE),
                new SignalUpdate(customer.id(), new SignalValues(Map.of(SignalField.CHURN_RISK_SCORE, BigDecimal.TEN)))),
                SCORING);

        assertThat(outcomes).extracting(SignalOutcome::found).containsExactly(true, false, true);
        assertThat(outcomes.get(0).changes()).isEqualTo(CatalogWrites.WorkChanges.NONE);
        assertThat(outcomes.get(2).changes().created()).singleElement().satisfies(c -> {
            assertThat(c.definition()).isEqualTo(risk.id());
            assertThat(c.customer()).isEqualTo(customer.id());
            assertThat(c.priorityScore()).isPositive()
                    .isEqualTo(fixture.storedExecution(world.org, c.execution()).orElseThrow().priorityScore());
        });
        assertThat(outcomes.get(2).changes().rescored()).singleElement().satisfies(r -> {
            assertThat(r.execution()).isEqualTo(open.id());
            assertThat(r.from()).isZero();
            assertThat(r.to()).isPositive()
                    .isEqualTo(fixture.storedExecution(world.org, open.id()).orElseThrow().priorityScore());
        });
        var signals = fixture.ports().customers().signalsOf(world.org, customer.id());
        assertThat(signals.churnRiskScore()).isEqualTo(10);
        assertThat(signals.usageScore()).isEqualTo(50);
        assertThat(fixture.storedExecution(world.org, other.id()).orElseThrow().priorityScore()).isZero();
    }

    @Test
    void customersArePagedByIdAndFilteredByCsm() {
        World other = new World(fixture);
        other.customer(other.csm, null);
        List<Customer> mine = List.of(world.customer(world.csm, null), world.customer(world.csm, null),
                world.customer(world.teammate, null));
        var reads = fixture.ports().catalogReads();

        List<StoredCustomer> first = reads.customers(world.org, Optional.empty(), Optional.empty(), 2);
        List<StoredCustomer> rest = reads.customers(world.org, Optional.empty(),
                Optional.of(first.get(1).entry().id()), 2);
        List<StoredCustomer> csmOnly = reads.customers(world.org, Optional.of(Set.of(world.csm.id())), Optional.empty(), 10);

        assertThat(first).hasSize(2);
        assertThat(rest).hasSize(1);
        assertThat(List.of(first.get(0), first.get(1), rest.get(0))).extracting(s -> s.entry().id())
                .containsExactlyInAnyOrderElementsOf(mine.stream().map(Customer::id).toList())
                .isSortedAccordingTo(java.util.Comparator.comparing(CustomerId::value));
        assertThat(csmOnly).hasSize(2).allSatisfy(s -> assertThat(s.entry().csmId()).isEqualTo(world.csm.id()));
    }
}
