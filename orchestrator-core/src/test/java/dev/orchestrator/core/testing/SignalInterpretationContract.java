package dev.orchestrator.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.in.InterpretSignals;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.customer.CustomerDates;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.priority.PriorityEvaluator;
import dev.orchestrator.core.domain.priority.PriorityInput;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.signals.SignalInterpreter;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.core.domain.signals.SignalScorer;
import dev.orchestrator.core.domain.signals.TriggeredWorkflow;
import dev.orchestrator.core.domain.signals.Comparison;
import dev.orchestrator.core.domain.signals.SignalField;
import dev.orchestrator.core.domain.workflow.StepCondition;
import dev.orchestrator.core.domain.workflow.TemplateStep;
import dev.orchestrator.core.domain.workflow.TemplateSteps;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@code SignalInterpretation}: on random customers it creates exactly the executions
 * the Java {@code SignalInterpreter} calls for, assigned to each customer's CSM, scored by the
 * evaluator, with a creation event each; a second run creates nothing. Renewal and review windows
 * are part of it: random dates around today, executions due by the date their window watched.
 * Cooldown: on random closing times and {@code cooldown_days} of every shape, it leaves out exactly
 * the pairs {@code CooldownRule} says are still cooling down.
 */
public abstract class SignalInterpretationContract extends PortContract {

    protected int customerCount() {
        return 150;
    }

    @Test
    void createsExactlyWhatTheJavaInterpreterDecidesAndIsIdempotent() {
        World other = new World(fixture);
        Random random = new Random(11);
        RandomSignals randomSignals = new RandomSignals(random);
        SignalScorer scorer = new SignalScorer(SignalPolicy.STANDARD);
        // The due rule with points (the standard policy's are 0), so that SQL and Java must agree on it.
        PriorityPolicy policy = withDuePoints(PriorityPolicy.STANDARD, 20, 77);
        PriorityEvaluator evaluator = new PriorityEvaluator(policy);
        Instant now = Instant.parse("2026-03-10T06:00:00Z");
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();

        List<WorkflowDefinition> definitions = List.of(
                world.definition(WorkflowType.RENEWAL, 600, Map.of("renewal_within_days", 60), false),
                world.definition(WorkflowType.STRATEGIC, 700, Map.of("annual_review_within_days", 30), false),
                world.definition(WorkflowType.RENEWAL, 650, Map.of("renewal_within_days", 90, "risk_score_min", 5), false),
                world.definition(WorkflowType.CUSTOM, 500, Map.of("renewal_within_days", 1,
                        "annual_review_within_days", 365), false),
                world.definition(WorkflowType.RISK, 900, Map.of("risk_score_min", 6), false),
                world.definition(WorkflowType.RISK, 950, Map.of("risk_score_min", "9", "note", "very high"), false),
                world.definition(WorkflowType.OPPORTUNITY, 800, Map.of("opportunity_score_min", 5), false),
                world.definition(WorkflowType.CUSTOM, 500, Map.of("opportunity_score_min", 3, "risk_score_min", 3), false),
                world.definition(WorkflowType.STRATEGIC, 700, Map.of("workflow_id", "no-threshold"), false),
                world.definition(WorkflowType.STRATEGIC, 700, Map.of("order", 1, "risk_score_min", 0), true),
                world.definition(WorkflowType.RISK, 600, Map.of("risk_score_min", 1, "cooldown_days", 0), false),
                world.definition(WorkflowType.CUSTOM, 400, Map.of("risk_score_min", 0, "cooldown_days", 7), false),
                world.definition(WorkflowType.OPPORTUNITY, 300, Map.of("opportunity_score_min", 0,
                        "cooldown_days", " 3 "), false),
                world.definition(WorkflowType.CUSTOM, 200, Map.of("risk_score_min", 0, "cooldown_days", 2.5), false),
                world.definition(WorkflowType.CUSTOM, 250, Map.of("opportunity_score_min", 0, "cooldown_days", 9999), false),
                world.definition(WorkflowType.CUSTOM, 260, Map.of("risk_score_min", 0, "cooldown_days", -4), false));
        WorkflowDefinition inactive = new WorkflowDefinition(DefinitionId.of(world.nextUuid()), world.org,
                "inactive", WorkflowType.RISK, null, null, 900, false, false);
        fixture.givenDefinition(inactive);
        other.definition(WorkflowType.RISK, 900, Map.of("risk_score_min", 0), false);
        Customer foreignCustomer = other.customer(other.csm, null);

        Map<CustomerId, CustomerSignals> signalsById = new HashMap<>();
        Map<CustomerId, CustomerDates> datesById = new HashMap<>();
        Map<CustomerId, Customer> customers = new HashMap<>();
        Set<String> alreadyActive = new HashSet<>();
        Map<String, Instant> lastClosed = new HashMap<>();
        for (int i = 0; i < customerCount(); i++) {
            CustomerSignals signals = randomSignals.next();
            CustomerDates dates = new CustomerDates(randomDate(random, today), randomDate(random, today));
            Customer customer = world.customer(random.nextBoolean() ? world.csm : world.teammate, signals, dates);
            customers.put(customer.id(), customer);
            datesById.put(customer.id(), dates);
            signalsById.put(customer.id(), signals == null ? CustomerSignals.NONE : signals);
            if (random.nextInt(5) == 0) {
                WorkflowDefinition definition = definitions.get(random.nextBoolean() ? 0 : 4);
                ExecutionStatus status = random.nextBoolean() ? ExecutionStatus.SNOOZED : ExecutionStatus.COMPLETED;
                world.execution(definition, customer, world.csm, status, 0, World.T0);
                if (!status.isTerminal()) {
                    alreadyActive.add(customer.id() + "/" + definition.id());
                } else {
                    lastClosed.merge(customer.id() + "/" + definition.id(), World.T0, (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            // Closed executions of the cooling definitions, some exactly on a whole number of days ago.
            for (int k = random.nextInt(3); k > 0; k--) {
                WorkflowDefinition definition = definitions.get(1 + random.nextInt(definitions.size() - 1));
                Instant closedAt = random.nextBoolean()
                        ? now.minus(java.time.Duration.ofDays(random.nextInt(40)))
                        : now.minus(java.time.Duration.ofMinutes(random.nextInt(40 * 24 * 60)));
                world.execution(definition, customer, world.csm,
                        random.nextBoolean() ? ExecutionStatus.COMPLETED : ExecutionStatus.SKIPPED, 0, closedAt);
                lastClosed.merge(customer.id() + "/" + definition.id(), closedAt, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        Set<String> existing = fixture.storedExecutions(world.org).stream().map(e -> e.id().toString())
                .collect(Collectors.toSet());

        Map<DefinitionId, Long> expectedCounts = new HashMap<>();
        long withoutCooldown = 0;
        Set<String> expectedPairs = new HashSet<>();
        Map<String, Instant> expectedDue = new HashMap<>();
        for (Customer customer : customers.values()) {
            Set<DefinitionId> active = definitions.stream()
                    .filter(d -> alreadyActive.contains(customer.id() + "/" + d.id()))
                    .map(WorkflowDefinition::id).collect(Collectors.toSet());
            Map<DefinitionId, Instant> closed = new HashMap<>();
            definitions.forEach(d -> {
                Instant at = lastClosed.get(customer.id() + "/" + d.id());
                if (at != null) {
                    closed.put(d.id(), at);
                }
            });
            for (TriggeredWorkflow t : SignalInterpreter.triggered(scorer.score(signalsById.get(customer.id())),
                    datesById.get(customer.id()), today, definitions, active, closed, now)) {
                expectedCounts.merge(t.definition().id(), 1L, Long::sum);
                expectedPairs.add(customer.id() + "/" + t.definition().id());
                expectedDue.put(customer.id() + "/" + t.definition().id(), t.dueAt());
            }
        }

        for (Customer customer : customers.values()) {
            Set<DefinitionId> active = definitions.stream()
                    .filter(d -> alreadyActive.contains(customer.id() + "/" + d.id()))
                    .map(WorkflowDefinition::id).collect(Collectors.toSet());
            withoutCooldown += SignalInterpreter.triggered(scorer.score(signalsById.get(customer.id())),
                    datesById.get(customer.id()), today, definitions, active).size();
        }
        // The random closings must make the cooldown leave some pairs out, or this would prove nothing.
        assertThat(withoutCooldown).isGreaterThan(expectedPairs.size());

        InterpretSignals.Report first = fixture.ports().interpretation()
                .interpret(Optional.of(world.org), SignalPolicy.STANDARD, policy, today, now);
        InterpretSignals.Report second = fixture.ports().interpretation()
                .interpret(Optional.of(world.org), SignalPolicy.STANDARD, policy, today, now);

        assertThat(first.created().stream().collect(Collectors.toMap(InterpretSignals.Created::definitionId,
                InterpretSignals.Created::count))).isEqualTo(expectedCounts);
        assertThat(second.total()).isZero();
        List<WorkflowExecution> created = new ArrayList<>(fixture.storedExecutions(world.org));
        created.removeIf(e -> existing.contains(e.id().toString()));
        assertThat(created.stream().map(e -> e.customerId() + "/" + e.definitionId()).collect(Collectors.toSet()))
                .isEqualTo(expectedPairs);
        Map<DefinitionId, WorkflowDefinition> byId = definitions.stream()
                .collect(Collectors.toMap(WorkflowDefinition::id, d -> d));
        for (WorkflowExecution execution : created) {
            Customer customer = customers.get(execution.customerId());
            assertThat(execution.assignedCsmId()).isEqualTo(customer.csmId());
            assertThat(execution.status()).isEqualTo(ExecutionStatus.NOT_STARTED);
            assertThat(execution.demo()).isFalse();
            assertThat(execution.createdAt()).isEqualTo(now);
            assertThat(execution.dueAt()).isEqualTo(expectedDue.get(execution.customerId() + "/" + execution.definitionId()));
            assertThat(execution.priorityScore()).isEqualTo(evaluator.evaluate(PriorityInput.of(execution,
                    byId.get(execution.definitionId()), signalsById.get(customer.id())), today).value());
            assertThat(fixture.eventsOf(world.org, execution.id()))
                    .singleElement()
                    .satisfies(event -> {
                        assertThat(event.action()).isEqualTo(Action.CREATE);
                        assertThat(event.actor()).isNull();
                        assertThat(event.to()).isEqualTo(ExecutionStatus.NOT_STARTED);
                    });
        }
        assertThat(fixture.storedExecutions(other.org)).isEmpty();
        assertThat(foreignCustomer).isNotNull();
        // The random data reaches every case: date-triggered work, due points given, work without a due date.
        assertThat(created).anyMatch(e -> e.dueAt() != null).anyMatch(e -> e.dueAt() == null);
        assertThat(created).anyMatch(e -> evaluator.evaluate(PriorityInput.of(e, byId.get(e.definitionId()),
                signalsById.get(e.customerId())), today).explanation().stream()
                .anyMatch(c -> c.rule().equals(PriorityEvaluator.DUE_SOON) && c.points() == 77));
    }

    /** A date within ±400 days of {@code today}, or (one time in five) none. */
    private static LocalDate randomDate(Random random, LocalDate today) {
        return random.nextInt(5) == 0 ? null : today.plusDays(random.nextInt(801) - 400);
    }

    static PriorityPolicy withDuePoints(PriorityPolicy p, int withinDays, int points) {
        return new PriorityPolicy(p.typeTiers(), p.revenueImpactPointsPerTier(), p.churnRiskPointsPerPoint(),
                p.churnRiskTypes(), p.usageScoreDivisor(), p.usageTypes(), p.snooze(), p.labels(),
                new PriorityPolicy.DueProximity(withinDays, points));
    }

    @Test
    void aRenewalInsideItsWindowCreatesWorkDueOnTheRenewalDateAndOneOutsideDoesNot() {
        Instant now = Instant.parse("2026-03-10T06:00:00Z");
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
        WorkflowDefinition renewal = world.definition(WorkflowType.RENEWAL, 600, Map.of("renewal_within_days", 30),
                false);
        WorkflowDefinition review = world.definition(WorkflowType.STRATEGIC, 700,
                Map.of("annual_review_within_days", 14, "risk_score_min", 0), false);
        Customer soon = world.customer(world.csm, null, new CustomerDates(today.plusDays(30), today.minusDays(14)));
        Customer late = world.customer(world.csm, null, new CustomerDates(today.plusDays(31), today.minusDays(15)));
        Customer none = world.customer(world.csm, null, CustomerDates.NONE);

        InterpretSignals.Report report = fixture.ports().interpretation()
                .interpret(Optional.of(world.org), SignalPolicy.STANDARD, PriorityPolicy.STANDARD, today, now);

        assertThat(report.total()).isEqualTo(2);
        assertThat(fixture.storedExecutions(world.org)).allSatisfy(e -> assertThat(e.customerId()).isEqualTo(soon.id()))
                .extracting(e -> e.definitionId().equals(renewal.id()) ? "renewal " + e.dueAt() : "review " + e.dueAt())
                .containsExactlyInAnyOrder("renewal 2026-04-09T00:00:00Z", "review 2026-02-24T00:00:00Z");
        assertThat(late).isNotEqualTo(none);
        assertThat(review).isNotNull();
    }

    @Test
    void aNewExecutionGetsTheTemplateStepsWhoseConditionHoldsWithTheSignalsThatSelectedThem() {
        Instant now = Instant.parse("2026-03-10T06:00:00Z");
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
        List<TemplateStep> steps = List.of(
                new TemplateStep("review", "Review the risk signals", null, 2, false),
                new TemplateStep("sponsor", "Meet the executive sponsor",
                        new StepCondition(null, new BigDecimal("6"), List.of()), null, false),
                new TemplateStep("training", "Offer a training session", new StepCondition(null, null,
                        List.of(new StepCondition.OnSignal(SignalField.USAGE_SCORE, Comparison.LESS_THAN,
                                new BigDecimal("40")))), 14, true));
        WorkflowDefinition risk = world.definition(WorkflowType.RISK, 900, Map.of("risk_score_min", 0), false, steps);
        WorkflowDefinition plain = world.definition(WorkflowType.CUSTOM, 300, Map.of("risk_score_min", 0), false);
        Random random = new Random(4);
        RandomSignals randomSignals = new RandomSignals(random);
        Map<CustomerId, CustomerSignals> signalsById = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            CustomerSignals signals = randomSignals.next();
            Customer customer = world.customer(world.csm, signals);
            signalsById.put(customer.id(), signals == null ? CustomerSignals.NONE : signals);
        }

        fixture.ports().interpretation().interpret(Optional.of(world.org), SignalPolicy.STANDARD,
                PriorityPolicy.STANDARD, today, now);

        SignalScorer scorer = new SignalScorer(SignalPolicy.STANDARD);
        List<WorkflowExecution> created = fixture.storedExecutions(world.org);
        assertThat(created).hasSize(80);
        Set<Integer> sizes = new HashSet<>();
        for (WorkflowExecution e : created) {
            CustomerSignals signals = signalsById.get(e.customerId());
            WorkflowDefinition definition = e.definitionId().equals(risk.id()) ? risk : plain;
            Object expected = TemplateSteps.executionData(definition, signals, scorer.score(signals), today).values();
            assertThat(normalized(e.executionData().values())).as("execution data of %s", e.customerId())
                    .isEqualTo(normalized(expected));
            if (definition == risk) {
                sizes.add(((List<?>) e.executionData().values().get("steps")).size());
            }
        }
        assertThat(plain.steps()).isEmpty();
        // Customers of every kind: some got only the unconditional step, some more.
        assertThat(sizes).contains(1, 2);
    }

    /** JSON with every number as a plain decimal string, so that 7, 7.0 and 7L compare equal. */
    static Object normalized(Object json) {
        if (json instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        if (json instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new HashMap<>();
            map.forEach((k, v) -> copy.put(k, normalized(v)));
            return copy;
        }
        if (json instanceof List<?> list) {
            return list.stream().map(SignalInterpretationContract::normalized).toList();
        }
        return json;
    }

    @Test
    void aScopeOfCustomersInterpretsOnlyThem() {
        Instant now = Instant.parse("2026-03-10T06:00:00Z");
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
        WorkflowDefinition risk = world.definition(WorkflowType.RISK, 900, Map.of("risk_score_min", 0), false);
        WorkflowDefinition other = world.definition(WorkflowType.CUSTOM, 500, Map.of("risk_score_min", 0), false);
        Customer a = world.customer(world.csm, null);
        Customer b = world.customer(world.csm, null);

        InterpretSignals.Report report = fixture.ports().interpretation().interpret(
                new dev.orchestrator.core.domain.scope.WorkScope(Optional.of(world.org), Optional.of(Set.of(a.id())),
                        Optional.of(risk.id())), SignalPolicy.STANDARD, PriorityPolicy.STANDARD, today, now);

        assertThat(report.total()).isEqualTo(1);
        assertThat(fixture.storedExecutions(world.org)).singleElement().satisfies(e -> {
            assertThat(e.customerId()).isEqualTo(a.id());
            assertThat(e.definitionId()).isEqualTo(risk.id());
        });
        assertThat(b).isNotEqualTo(a);
        assertThat(other).isNotNull();
    }
}
