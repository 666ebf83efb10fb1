package dev.orchestrator.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.out.ExecutionWriter;
import dev.orchestrator.core.application.port.out.SignalLifecycle;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.lifecycle.ExecutionEvent;
import dev.orchestrator.core.domain.lifecycle.Lifecycle;
import dev.orchestrator.core.domain.lifecycle.Transition;
import dev.orchestrator.core.domain.lifecycle.TransitionResult;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.signals.AutoCloseRule;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.signals.EarlyWakeRule;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.core.domain.signals.SignalScorer;
import dev.orchestrator.core.domain.signals.SignalScores;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Contract of {@code SignalLifecycle}: on random histories (signals changing, CSMs snoozing, starting and
 * waking work, interpretation creating more, daily runs on consecutive days and sometimes twice a day), the
 * store auto-closes and wakes exactly what {@link AutoCloseRule} and {@link EarlyWakeRule} say, computed
 * here in Java step by step: same counts, same statuses, same skip reasons, events with no actor; a
 * second run on the same day changes nothing; work not created by signals is never closed.
 */
public abstract class SignalLifecycleContract extends PortContract {

    /** Sets the customer's signals directly in the store (never null: contacts stay as they were). */
    protected abstract void changeSignals(Customer customer, CustomerSignals signals);

    /** What the test knows of one execution: the store's row plus the rule's own state. */
    private static final class Tracked {
        WorkflowExecution execution;
        final boolean fromSignals;
        long runs;
        LocalDate countedOn;
        Integer snoozeRisk;
        Integer wokenRisk;
        String expectedReason;

        Tracked(WorkflowExecution execution, boolean fromSignals) {
            this.execution = execution;
            this.fromSignals = fromSignals;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void closesAndWakesExactlyWhatTheJavaRulesSay(long seed) {
        Random random = new Random(seed);
        RandomSignals randomSignals = new RandomSignals(random);
        SignalScorer scorer = new SignalScorer(SignalPolicy.STANDARD);
        SignalLifecycle lifecycle = fixture.ports().lifecycle();
        ExecutionWriter writer = fixture.ports().writer();

        List<WorkflowDefinition> definitions = List.of(
                world.definition(WorkflowType.RISK, 900, Map.of("risk_score_min", 5,
                        "auto_close", Map.of("margin", 1, "after_runs", 2), "wake_on_risk_increase", 2), false),
                world.definition(WorkflowType.OPPORTUNITY, 800, Map.of("opportunity_score_min", 4,
                        "auto_close", Map.of("margin", 2, "after_runs", 1)), false),
                world.definition(WorkflowType.CUSTOM, 500, Map.of("risk_score_min", "3", "opportunity_score_min", 2,
                        "auto_close", Map.of("margin", "1", "after_runs", 3), "wake_on_risk_increase", 1), false),
                world.definition(WorkflowType.RISK, 700, Map.of("risk_score_min", 4.5, "wake_on_risk_increase", 3),
                        false),
                world.definition(WorkflowType.STRATEGIC, 600, Map.of("risk_score_min", 2, "cooldown_days", 0,
                        "auto_close", Map.of("margin", 1, "after_runs", 2)), false),
                // Never cleared: a score cannot go below 0 − 1.
                world.definition(WorkflowType.CUSTOM, 300, Map.of("opportunity_score_min", 0,
                        "auto_close", Map.of("margin", 1, "after_runs", 1)), false),
                // Off: after_runs missing.
                world.definition(WorkflowType.CUSTOM, 200, Map.of("risk_score_min", 1,
                        "auto_close", Map.of("margin", 1)), false));
        Map<DefinitionId, WorkflowDefinition> byId = new HashMap<>();
        definitions.forEach(d -> byId.put(d.id(), d));

        List<Customer> customers = new ArrayList<>();
        Map<CustomerId, CustomerSignals> signals = new HashMap<>();
        Map<CustomerId, Boolean> strong = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            CustomerSignals s = randomSignals.next();
            Customer customer = world.customer(random.nextBoolean() ? world.csm : world.teammate, s);
            customers.add(customer);
            signals.put(customer.id(), s == null ? CustomerSignals.NONE : s);
            strong.put(customer.id(), s != null && s.hasStrongContact());
        }
        Map<ExecutionId, Tracked> tracked = new LinkedHashMap<>();
        // Work that did not come from signals: never auto-closed, whatever the signals say.
        for (int i = 0; i < 5; i++) {
            WorkflowExecution manual = world.execution(definitions.get(1), customers.get(i), world.csm,
                    ExecutionStatus.NOT_STARTED, 0, World.T0);
            tracked.put(manual.id(), new Tracked(manual, false));
        }

        LocalDate firstDay = LocalDate.of(2026, 3, 3);
        long closedTotal = 0;
        long wokenTotal = 0;
        long resetTotal = 0;
        // Twelve days, and more (up to 40) until every branch was reached: the executions interpretation
        // creates get random ids, so the order the history draws its random choices in (and which branches a
        // seed reaches in twelve days) differs from run to run; one run in many reached no reset by day 12.
        for (int day = 0; day < 12 || (day < 40 && (closedTotal == 0 || wokenTotal == 0 || resetTotal == 0)); day++) {
            LocalDate today = firstDay.plusDays(day);
            Instant now = today.atTime(0, 5).toInstant(ZoneOffset.UTC).plus(Duration.ofMinutes(random.nextInt(600)));

            fixture.ports().interpretation().interpret(Optional.of(world.org), SignalPolicy.STANDARD,
                    PriorityPolicy.STANDARD, today, now);
            for (WorkflowExecution e : fixture.storedExecutions(world.org)) {
                tracked.computeIfAbsent(e.id(), id -> new Tracked(e, true));
            }

            for (Customer customer : customers) {
                if (random.nextInt(4) == 0) {
                    CustomerSignals next = randomSignals.next();
                    while (next == null) {
                        next = randomSignals.next();
                    }
                    next = new CustomerSignals(next.revenueImpactTier(), next.churnRiskScore(), next.usageScore(),
                            next.healthScore(), next.utilizationPercent(), next.yoyGrowthPercent(),
                            next.marketPricePercentile(), next.adoptionRatePercent(),
                            next.usageChangePercentLastMonth(), strong.get(customer.id()));
                    changeSignals(customer, next);
                    signals.put(customer.id(), next);
                }
            }

            for (Tracked t : tracked.values()) {
                if (t.execution.status().isTerminal() || random.nextInt(6) != 0) {
                    continue;
                }
                Transition transition = switch (random.nextInt(4)) {
                    case 0, 1 -> new Transition.Snooze(1 + random.nextInt(30));
                    case 2 -> new Transition.Start();
                    default -> new Transition.Wake();
                };
                TransitionResult result = Lifecycle.apply(t.execution, transition, null, world.csm.id(), now);
                if (!(result instanceof TransitionResult.Applied applied)) {
                    continue;
                }
                int risk = score(scorer, signals, t.execution).risk().value();
                ExecutionWriter.SaveResult saved = writer.saveTransition(applied.execution(), t.execution.status(),
                        t.execution.version(), applied.event(), risk);
                assertThat(saved).isInstanceOf(ExecutionWriter.SaveResult.Saved.class);
                t.execution = ((ExecutionWriter.SaveResult.Saved) saved).execution();
                t.runs = 0;
                t.countedOn = null;
                t.wokenRisk = null;
                t.snoozeRisk = transition instanceof Transition.Snooze ? risk : null;
            }

            int runsToday = random.nextInt(4) == 0 ? 2 : 1;
            for (int run = 0; run < runsToday; run++) {
                long woken = 0;
                for (Tracked t : tracked.values()) {
                    if (t.execution.status() != ExecutionStatus.SNOOZED) {
                        continue;
                    }
                    int risk = score(scorer, signals, t.execution).risk().value();
                    if (EarlyWakeRule.wakes(byId.get(t.execution.definitionId()).triggerConditions(), t.snoozeRisk,
                            risk)) {
                        woken++;
                        t.execution = t.execution.change().status(ExecutionStatus.NOT_STARTED).snooze(null, null, null)
                                .at(now);
                        t.wokenRisk = risk;
                        t.runs = 0;
                        t.countedOn = null;
                        t.expectedReason = EarlyWakeRule.reason(t.snoozeRisk, risk);
                    }
                }
                assertThat(lifecycle.wakeEarly(Optional.of(world.org), SignalPolicy.STANDARD, now))
                        .as("woken on day %d run %d", day, run).isEqualTo(run > 0 ? 0 : woken);
                wokenTotal += woken;

                long counted = 0;
                long reset = 0;
                long closed = 0;
                for (Tracked t : tracked.values()) {
                    if (t.execution.status() != ExecutionStatus.NOT_STARTED || !t.fromSignals) {
                        continue;
                    }
                    AutoCloseRule.Decision decision = AutoCloseRule.decide(
                            byId.get(t.execution.definitionId()).triggerConditions(),
                            score(scorer, signals, t.execution), t.runs, t.countedOn, today);
                    counted += decision.runs() > t.runs ? 1 : 0;
                    reset += decision.runs() < t.runs ? 1 : 0;
                    t.runs = decision.runs();
                    t.countedOn = decision.countedOn();
                    if (decision.closeReason().isPresent()) {
                        closed++;
                        t.expectedReason = decision.closeReason().get();
                        t.execution = t.execution.change().status(ExecutionStatus.SKIPPED)
                                .skipped(now, t.expectedReason).at(now);
                    }
                }
                SignalLifecycle.AutoCloseReport report = lifecycle.autoClose(Optional.of(world.org),
                        SignalPolicy.STANDARD, today, now);
                assertThat(report).as("day %d run %d", day, run)
                        .isEqualTo(new SignalLifecycle.AutoCloseReport(counted, reset, closed));
                if (run > 0) {
                    // Wake before auto-close, as the daily job does: a second run on the same day does nothing.
                    assertThat(report).isEqualTo(new SignalLifecycle.AutoCloseReport(0, 0, 0));
                }
                closedTotal += closed;
                resetTotal += reset;

                for (Tracked t : tracked.values()) {
                    WorkflowExecution stored = fixture.storedExecution(world.org, t.execution.id()).orElseThrow();
                    assertThat(stored.status()).as("status of %s on day %d", stored.id(), day)
                            .isEqualTo(t.execution.status());
                    assertThat(stored.version()).as("version of %s", stored.id()).isEqualTo(t.execution.version());
                    assertThat(stored.snoozeUntil()).isEqualTo(t.execution.snoozeUntil());
                    assertThat(stored.skipReason()).isEqualTo(t.execution.skipReason());
                    if (stored.status() == ExecutionStatus.SKIPPED) {
                        assertThat(stored.skippedAt()).isEqualTo(t.execution.skippedAt());
                    }
                    t.execution = stored;
                    if (t.expectedReason != null) {
                        ExecutionEvent last = lastEvent(t.execution.id());
                        assertThat(last.actor()).isNull();
                        assertThat(last.reason()).isEqualTo(t.expectedReason);
                        assertThat(last.action()).isEqualTo(stored.status() == ExecutionStatus.SKIPPED
                                ? Action.SKIP : Action.WAKE);
                        t.expectedReason = null;
                    }
                }
                Map<ExecutionId, SignalLifecycle.WokenEarly> expectedWoken = new HashMap<>();
                tracked.values().stream()
                        .filter(t -> t.execution.status() == ExecutionStatus.NOT_STARTED && t.wokenRisk != null)
                        .forEach(t -> expectedWoken.put(t.execution.id(),
                                new SignalLifecycle.WokenEarly(t.snoozeRisk, t.wokenRisk)));
                assertThat(lifecycle.wokenEarly(world.org, tracked.keySet())).isEqualTo(expectedWoken);
            }
        }
        // The random history must have reached every branch, or the comparison above proves little.
        assertThat(closedTotal).isPositive();
        assertThat(wokenTotal).isPositive();
        assertThat(resetTotal).isPositive();
        tracked.values().stream().filter(t -> !t.fromSignals)
                .forEach(t -> assertThat(t.execution.status()).isNotEqualTo(ExecutionStatus.SKIPPED));
    }

    private static SignalScores score(SignalScorer scorer, Map<CustomerId, CustomerSignals> signals,
            WorkflowExecution execution) {
        return scorer.score(signals.get(execution.customerId()));
    }

    private ExecutionEvent lastEvent(ExecutionId id) {
        List<ExecutionEvent> events = fixture.eventsOf(world.org, id);
        return events.get(events.size() - 1);
    }
}
