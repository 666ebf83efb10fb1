package dev.orchestrator.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.Jobs;
import dev.orchestrator.core.application.Orchestrator;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.RunDailyJob;
import dev.orchestrator.core.application.port.in.ViewQueue;
import dev.orchestrator.core.application.port.out.JobLock;
import dev.orchestrator.core.application.port.out.JobRunLog;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.explain.Contribution;
import dev.orchestrator.core.domain.jobs.JobStatus;
import dev.orchestrator.core.domain.jobs.JobTrigger;
import dev.orchestrator.core.domain.lifecycle.Transition;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.queue.QueueMode;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The score, its label and its explanation agree (issue 10, part 2), on random histories: signal changes,
 * lifecycle transitions, the clock moving on (across UTC midnights) and daily runs, in random order. After
 * every daily run, every open execution's explanation as the CSM sees it (the queue, evaluated now) sums to
 * its stored {@code priority_score} and carries the stored score's label; after every transition, the
 * execution it touched agrees too. (Between a signal change or midnight and the next daily run the stored
 * score may lag: that window is the daily job's to close.)
 */
public abstract class ScoreAgreementContract extends PortContract {

    /** Sets the customer's signals to {@code signals} (null: no properties row), directly in the store. */
    protected abstract void changeSignals(Customer customer, CustomerSignals signals);

    protected abstract JobRunLog jobRuns();

    protected abstract JobLock jobLock();

    protected int steps() {
        return 120;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void afterAnyHistoryTheStoredScoreAgreesWithItsExplanation(long seed) {
        Random random = new Random(seed);
        RandomSignals signals = new RandomSignals(random);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T00:05:00Z")
                .plus(Duration.ofMinutes(random.nextInt(24 * 60))));
        Orchestrator orchestrator = new Orchestrator(fixture.ports(), clock);
        InMemoryJobs calendar = new InMemoryJobs();
        Jobs jobs = new Jobs(orchestrator, new Jobs.Ports(jobRuns(), jobLock(), calendar, fixture.ports().ids()), clock);

        world.definition(WorkflowType.RISK, 900, Map.of("risk_score_min", 5), false);
        world.definition(WorkflowType.OPPORTUNITY, 800, Map.of("opportunity_score_min", 4), false);
        world.definition(WorkflowType.CUSTOM, 300 + random.nextInt(600), Map.of("risk_score_min", 2,
                "opportunity_score_min", 2), false);
        world.definition(WorkflowType.RENEWAL, 750, Map.of("risk_score_min", 0), false);
        List<Profile> csms = List.of(world.csm, world.teammate);
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            customers.add(world.customer(csms.get(i % 2), signals.next()));
        }

        int dailyRuns = 0;
        int transitions = 0;
        for (int step = 0; step < steps(); step++) {
            int what = random.nextInt(100);
            if (what < 25) {
                changeSignals(customers.get(random.nextInt(customers.size())), signals.next());
            } else if (what < 60) {
                transitions += transitionSomething(orchestrator, random) ? 1 : 0;
            } else if (what < 80) {
                clock.advance(Duration.ofMinutes(30 + random.nextInt(40 * 60)));
            } else {
                dailyRun(jobs, orchestrator, csms);
                dailyRuns++;
            }
        }
        dailyRun(jobs, orchestrator, csms);
        assertThat(dailyRuns).as("the history exercised daily runs").isPositive();
        assertThat(transitions).as("the history exercised transitions").isPositive();
    }

    private void dailyRun(Jobs jobs, Orchestrator orchestrator, List<Profile> csms) {
        RunDailyJob.Outcome outcome = jobs.runDailyJob().run(
                new RunDailyJob.Request(Optional.of(world.org), "agreement-test", JobTrigger.MANUAL));
        assertThat(((RunDailyJob.Ran) outcome).run().status()).isEqualTo(JobStatus.SUCCEEDED);
        PriorityPolicy policy = orchestrator.priorityPolicy();
        for (Profile csm : csms) {
            List<ViewQueue.QueueItem> queue = orchestrator.viewQueue()
                    .queue(csm, new ViewQueue.Query(Optional.empty(), QueueMode.PRODUCTION, ViewQueue.MAX_LIMIT))
                    .orElseThrow();
            long open = fixture.storedExecutions(world.org).stream()
                    .filter(e -> e.assignedCsmId().equals(csm.id()) && !e.status().isTerminal() && !e.demo())
                    .count();
            assertThat(queue).as("every open execution is in the queue that is checked").hasSize((int) open);
            for (ViewQueue.QueueItem item : queue) {
                assertAgrees(item, policy);
            }
        }
    }

    private static void assertAgrees(ViewQueue.QueueItem item, PriorityPolicy policy) {
        WorkflowExecution stored = item.entry().execution();
        int explained = item.priority().explanation().stream().mapToInt(Contribution::points).sum();
        assertThat(explained).as("explanation %s of %s (%s)", item.priority().explanation(), stored.id(),
                stored.status()).isEqualTo(stored.priorityScore());
        assertThat(item.priority().label()).as("label of %s", stored.id())
                .isEqualTo(policy.labels().labelFor(stored.priorityScore()));
    }

    /** A random transition of a random open execution by its CSM; true when it was applied. */
    private boolean transitionSomething(Orchestrator orchestrator, Random random) {
        List<WorkflowExecution> open = fixture.storedExecutions(world.org).stream()
                .filter(e -> !e.status().isTerminal()).toList();
        if (open.isEmpty()) {
            return false;
        }
        WorkflowExecution execution = open.get(random.nextInt(open.size()));
        Transition transition = switch (random.nextInt(6)) {
            case 0 -> new Transition.Start();
            case 1 -> new Transition.Complete();
            case 2, 3 -> new Transition.Snooze(1 + random.nextInt(10));
            case 4 -> new Transition.Wake();
            default -> new Transition.Skip("not needed now");
        };
        Profile csm = execution.assignedCsmId().equals(world.csm.id()) ? world.csm : world.teammate;
        Result<?> result = orchestrator.transitionExecution().transition(csm, execution.id(), transition, null);
        if (result instanceof Result.Err<?>) {
            return false;
        }
        WorkflowExecution after = fixture.storedExecution(world.org, execution.id()).orElseThrow();
        if (!after.status().isTerminal()) {
            orchestrator.viewQueue()
                    .queue(csm, new ViewQueue.Query(Optional.empty(), QueueMode.PRODUCTION, ViewQueue.MAX_LIMIT))
                    .orElseThrow().stream()
                    .filter(item -> item.entry().execution().id().equals(after.id()))
                    .forEach(item -> assertAgrees(item, orchestrator.priorityPolicy()));
        }
        return after.status() != execution.status() || after.version() != execution.version();
    }
}
