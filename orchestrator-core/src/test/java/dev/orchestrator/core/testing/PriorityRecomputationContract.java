package dev.orchestrator.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.in.RecomputePriorities;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.priority.PriorityEvaluator;
import dev.orchestrator.core.domain.priority.PriorityInput;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.priority.ScoreChange;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@code PriorityRecomputation}: on random data (every type, snoozes from weeks ago to
 * weeks ahead, missing signals) every active execution ends up with exactly the Java evaluator's
 * score, terminal ones are left alone, and a second run changes nothing.
 */
public abstract class PriorityRecomputationContract extends PortContract {

    /** How many executions the random test creates; real adapters may ask for more. */
    protected int executionCount() {
        return 400;
    }

    @Test
    void givesEveryActiveExecutionTheEvaluatorsScoreAndOnlyRewritesChangedRows() {
        World other = new World(fixture);
        Random random = new Random(7);
        RandomSignals signals = new RandomSignals(random);
        LocalDate today = LocalDate.of(2026, 3, 10);
        PriorityPolicy policy = PriorityPolicy.STANDARD;
        PriorityEvaluator evaluator = new PriorityEvaluator(policy);

        List<WorkflowDefinition> definitions = new ArrayList<>();
        for (WorkflowType type : WorkflowType.values()) {
            definitions.add(world.definition(type, policy.defaultWeight(type), Map.of(), false));
            definitions.add(world.definition(type, 100 + random.nextInt(900), Map.of(), random.nextBoolean()));
        }
        Map<CustomerId, CustomerSignals> signalsById = new HashMap<>();
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            CustomerSignals customerSignals = signals.next();
            Customer customer = world.customer(world.csm, customerSignals);
            customers.add(customer);
            signalsById.put(customer.id(), customerSignals == null ? CustomerSignals.NONE : customerSignals);
        }
        Instant todayNoon = today.atTime(12, 0).toInstant(ZoneOffset.UTC);
        java.util.Set<String> activePairs = new java.util.HashSet<>();
        for (int i = 0; i < executionCount(); i++) {
            WorkflowDefinition definition = definitions.get(random.nextInt(definitions.size()));
            Customer customer = customers.get(random.nextInt(customers.size()));
            ExecutionStatus status = world.allowedStatus(activePairs, customer, definition,
                    ExecutionStatus.values()[random.nextInt(ExecutionStatus.values().length)]);
            WorkflowExecution fresh = WorkflowExecution.create(
                    ExecutionId.of(world.nextUuid()), world.org, definition.id(),
                    customer.id(), world.csm.id(), definition.demo(), random.nextInt(1200), World.T0);
            WorkflowExecution execution = World.withStatus(fresh, status, World.T0);
            if (status == ExecutionStatus.SNOOZED) {
                // Any time of day from 20 days ago to 20 days ahead: exercises the UTC date cut.
                Instant until = todayNoon.plus(Duration.ofMinutes(random.nextInt(40 * 24 * 60) - 20 * 24 * 60));
                execution = execution.change().snooze(until, 5, World.T0).at(World.T0);
            }
            fixture.givenExecution(execution);
        }
        WorkflowDefinition foreignDefinition = other.definition(WorkflowType.RISK, 900, Map.of(), false);
        WorkflowExecution foreign = other.execution(foreignDefinition, other.customer(other.csm, null), other.csm,
                ExecutionStatus.NOT_STARTED, 12345, World.T0);

        Map<DefinitionId, WorkflowDefinition> byId = new HashMap<>();
        definitions.forEach(d -> byId.put(d.id(), d));
        List<WorkflowExecution> before = fixture.storedExecutions(world.org);
        long expectedChanged = before.stream().filter(e -> !e.status().isTerminal())
                .filter(e -> expectedScore(evaluator, e, byId, signalsById, today) != e.priorityScore())
                .count();

        RecomputePriorities.Report first = fixture.ports().recomputation().recompute(Optional.of(world.org), policy, today);
        RecomputePriorities.Report second = fixture.ports().recomputation().recompute(Optional.of(world.org), policy, today);

        Map<Object, WorkflowExecution> beforeById = new HashMap<>();
        before.forEach(e -> beforeById.put(e.id(), e));
        for (WorkflowExecution after : fixture.storedExecutions(world.org)) {
            WorkflowExecution was = beforeById.get(after.id());
            int expected = was.status().isTerminal() ? was.priorityScore()
                    : expectedScore(evaluator, was, byId, signalsById, today);
            assertThat(after.priorityScore()).as("score of %s (%s)", after.id(), after.status()).isEqualTo(expected);
        }
        long active = before.stream().filter(e -> !e.status().isTerminal()).count();
        assertThat(first).isEqualTo(new RecomputePriorities.Report(active, expectedChanged));
        assertThat(second).isEqualTo(new RecomputePriorities.Report(active, 0));
        assertThat(fixture.storedExecution(other.org, foreign.id()).orElseThrow().priorityScore()).isEqualTo(12345);
    }

    @Test
    void aNarrowScopeReScoresOnlyWhatItCovers() {
        LocalDate today = LocalDate.of(2026, 3, 10);
        WorkflowDefinition risk = world.definition(WorkflowType.RISK, 900, Map.of(), false);
        WorkflowDefinition custom = world.definition(WorkflowType.CUSTOM, 500, Map.of(), false);
        Customer a = world.customer(world.csm, World.signals(3, 5, 50));
        Customer b = world.customer(world.csm, World.signals(3, 5, 50));
        WorkflowExecution aRisk = world.execution(risk, a, world.csm, ExecutionStatus.NOT_STARTED, 1, World.T0);
        WorkflowExecution aCustom = world.execution(custom, a, world.csm, ExecutionStatus.NOT_STARTED, 1, World.T0);
        WorkflowExecution bRisk = world.execution(risk, b, world.csm, ExecutionStatus.NOT_STARTED, 1, World.T0);
        var recomputation = fixture.ports().recomputation();

        RecomputePriorities.Report ofA = recomputation.recompute(
                dev.orchestrator.core.domain.scope.WorkScope.customers(world.org, java.util.Set.of(a.id())),
                PriorityPolicy.STANDARD, today);
        assertThat(ofA).isEqualTo(new RecomputePriorities.Report(2, 2));
        assertThat(fixture.storedExecution(world.org, bRisk.id()).orElseThrow().priorityScore()).isEqualTo(1);

        RecomputePriorities.Report ofRisk = recomputation.recompute(
                dev.orchestrator.core.domain.scope.WorkScope.definition(world.org, risk.id()), PriorityPolicy.STANDARD, today);
        assertThat(ofRisk).isEqualTo(new RecomputePriorities.Report(2, 1));
        assertThat(fixture.storedExecution(world.org, bRisk.id()).orElseThrow().priorityScore()).isNotEqualTo(1);
        assertThat(fixture.storedExecution(world.org, aCustom.id()).orElseThrow().priorityScore()).isNotEqualTo(1);
        assertThat(aRisk).isNotNull();
    }

    /**
     * "Why did it move?": a re-score remembers the score before the day's first change and, once the
     * row has been scored by the recompute before, its parts by rule; a later change the same day
     * keeps that "before"; the next day's run forgets a change that did not happen again.
     */
    @Test
    void remembersTheDaysFirstChangeOfAScoreAndForgetsItTheNextDay() {
        WorkflowDefinition risk = world.definition(WorkflowType.RISK, 900, Map.of(), false);
        Customer customer = world.customer(world.csm, World.signals(3, 5, 50));
        WorkflowExecution execution = world.execution(risk, customer, world.csm, ExecutionStatus.NOT_STARTED, 1,
                World.T0);
        var recomputation = fixture.ports().recomputation();
        var lookup = fixture.ports().executions();
        LocalDate day1 = LocalDate.of(2026, 3, 10);
        PriorityPolicy standard = PriorityPolicy.STANDARD;
        PriorityPolicy richer = withRevenuePoints(standard, standard.revenueImpactPointsPerTier() + 7);
        PriorityPolicy richest = withRevenuePoints(standard, standard.revenueImpactPointsPerTier() + 20);
        int standardScore = new PriorityEvaluator(standard).evaluate(
                PriorityInput.of(execution, risk, World.signals(3, 5, 50)), day1).value();

        recomputation.recompute(Optional.of(world.org), standard, day1);
        ScoreChange first = lookup.findExecution(world.org, execution.id()).orElseThrow().scoreChange();
        assertThat(first).isNotNull();
        assertThat(first.previousScore()).isEqualTo(1);
        assertThat(first.changedOn()).isEqualTo(day1);
        assertThat(first.partsKnown()).as("never scored by the recompute before").isFalse();

        LocalDate day2 = day1.plusDays(1);
        recomputation.recompute(Optional.of(world.org), richer, day2);
        ScoreChange second = lookup.findExecution(world.org, execution.id()).orElseThrow().scoreChange();
        assertThat(second.previousScore()).isEqualTo(standardScore);
        assertThat(second.changedOn()).isEqualTo(day2);
        assertThat(second.partsKnown()).isTrue();
        var now = new PriorityEvaluator(richer).evaluate(PriorityInput.of(execution, risk, World.signals(3, 5, 50)), day2);
        assertThat(second.changesTo(now)).containsExactly(new ScoreChange.PartChange(PriorityEvaluator.REVENUE_IMPACT,
                3 * standard.revenueImpactPointsPerTier(), 3 * richer.revenueImpactPointsPerTier()));

        // A second change the same day: still "since the previous run".
        recomputation.recompute(Optional.of(world.org), richest, day2);
        ScoreChange sameDay = lookup.findExecution(world.org, execution.id()).orElseThrow().scoreChange();
        assertThat(sameDay.previousScore()).isEqualTo(standardScore);
        assertThat(sameDay.previousParts()).isEqualTo(second.previousParts());

        // The next day nothing changes: the change is forgotten, and the run says it changed nothing.
        RecomputePriorities.Report quiet = recomputation.recompute(Optional.of(world.org), richest, day2.plusDays(1));
        assertThat(quiet.changed()).isZero();
        assertThat(lookup.findExecution(world.org, execution.id()).orElseThrow().scoreChange()).isNull();
    }

    private static PriorityPolicy withRevenuePoints(PriorityPolicy p, int points) {
        return new PriorityPolicy(p.typeTiers(), points, p.churnRiskPointsPerPoint(), p.churnRiskTypes(),
                p.usageScoreDivisor(), p.usageTypes(), p.snooze(), p.labels(), p.due());
    }

    private static int expectedScore(PriorityEvaluator evaluator, WorkflowExecution execution,
            Map<DefinitionId, WorkflowDefinition> definitions, Map<CustomerId, CustomerSignals> signals, LocalDate today) {
        PriorityInput input = PriorityInput.of(execution, definitions.get(execution.definitionId()),
                signals.get(execution.customerId()));
        return evaluator.evaluate(input, today).value();
    }
}
