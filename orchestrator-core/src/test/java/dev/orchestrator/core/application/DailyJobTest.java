package dev.orchestrator.core.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.in.RunDailyJob;
import dev.orchestrator.core.application.port.in.ViewJobs;
import dev.orchestrator.core.application.port.out.JobCalendar;
import dev.orchestrator.core.application.port.out.JobLock;
import dev.orchestrator.core.domain.jobs.JobRun;
import dev.orchestrator.core.domain.jobs.JobStatus;
import dev.orchestrator.core.domain.jobs.JobTrigger;
import dev.orchestrator.core.domain.jobs.StepReport;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.core.testing.InMemoryJobs;
import dev.orchestrator.core.testing.InMemoryPorts;
import dev.orchestrator.core.testing.MutableClock;
import dev.orchestrator.core.testing.SequentialIds;
import dev.orchestrator.core.testing.World;
import dev.orchestrator.core.application.port.in.ViewQueue;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.explain.Contribution;
import dev.orchestrator.core.domain.queue.QueueMode;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.lifecycle.ExecutionEvent;
import dev.orchestrator.core.domain.lifecycle.Transition;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The daily job on the in-memory ports: its steps in order, the lock, the history, idempotence, failure. */
class DailyJobTest {

    private InMemoryPorts store;
    private InMemoryJobs jobPorts;
    private MutableClock clock;
    private Jobs jobs;
    private World world;

    @BeforeEach
    void setUp() {
        store = new InMemoryPorts(new SequentialIds(7));
        jobPorts = new InMemoryJobs();
        clock = new MutableClock(Instant.parse("2026-03-02T00:05:00Z"));
        jobs = jobsOn(store.ports());
        world = new World(store);
        world.definition(WorkflowType.RISK, 900, Map.of("risk_score_min", 5), false);
        world.customer(world.csm, World.signals(5, 8, 40));
        world.customer(world.csm, World.signals(5, 9, 10));
        world.customer(world.csm, World.signals(1, 1, 90));
    }

    private Jobs jobsOn(OutboundPorts ports) {
        return new Jobs(new Orchestrator(ports, clock), new Jobs.Ports(jobPorts, jobPorts, jobPorts, ports.ids()), clock);
    }

    private RunDailyJob.Outcome run(String instance) {
        return jobs.runDailyJob().run(new RunDailyJob.Request(Optional.empty(), instance, JobTrigger.SCHEDULE));
    }

    @Test
    void runsTheStepsInOrderAndRecordsTheRun() {
        RunDailyJob.Outcome outcome = run("a:1");

        JobRun run = ((RunDailyJob.Ran) outcome).run();
        assertThat(run.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(run.instance()).isEqualTo("a:1");
        assertThat(run.steps()).extracting(StepReport::name).containsExactlyElementsOf(RunDailyJob.STEPS);
        assertThat(run.count("interpret_signals", "created")).isEqualTo(2);
        assertThat(run.count("recompute_priorities", "examined")).isEqualTo(2);
        assertThat(store.storedExecutions(world.org)).hasSize(2);
        assertThat(jobPorts.latest(RunDailyJob.NAME, 10)).containsExactly(run);
    }

    @Test
    void aSecondRunTheSameDayCreatesAndChangesNothing() {
        run("a:1");
        List<?> before = store.storedExecutions(world.org);
        clock.advance(java.time.Duration.ofHours(3));

        JobRun second = ((RunDailyJob.Ran) run("b:2")).run();

        assertThat(second.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(second.count("interpret_signals", "created")).isZero();
        assertThat(second.count("recompute_priorities", "changed")).isZero();
        assertThat(store.storedExecutions(world.org)).isEqualTo(before);
    }

    @Test
    void theLifecycleStepClosesClearedWorkWakesWorsenedWorkAndASkippedItemStaysGone() {
        WorkflowDefinition watched = world.definition(WorkflowType.CUSTOM, 500, Map.of("risk_score_min", 5,
                "auto_close", Map.of("margin", 1, "after_runs", 2), "wake_on_risk_increase", 2), false);
        Customer clearing = world.customer(world.csm, World.signals(5, 8, 40));
        Customer worsening = world.customer(world.csm, World.signals(5, 5, 40));
        run("a:1");
        WorkflowExecution toClose = openOf(watched, clearing);
        WorkflowExecution toWake = openOf(watched, worsening);
        Orchestrator orchestrator = new Orchestrator(store.ports(), clock);
        assertThat(orchestrator.transitionExecution().transition(world.csm, toWake.id(), new Transition.Snooze(30), null))
                .isInstanceOf(Result.Ok.class);

        store.changeSignals(clearing, World.signals(5, 2, 40));
        store.changeSignals(worsening, World.signals(5, 9, 40));
        clock.advance(Duration.ofDays(1));
        JobRun second = ((RunDailyJob.Ran) run("a:1")).run();
        clock.advance(Duration.ofDays(1));
        JobRun third = ((RunDailyJob.Ran) run("a:1")).run();
        clock.advance(Duration.ofHours(2));
        JobRun again = ((RunDailyJob.Ran) run("b:2")).run();

        String step = "apply_lifecycle_rules";
        assertThat(second.count(step, "woken_early")).isEqualTo(1);
        assertThat(second.count(step, "auto_close_counted")).isEqualTo(1);
        assertThat(second.count(step, "auto_closed")).isZero();
        assertThat(third.count(step, "auto_close_counted")).isEqualTo(1);
        assertThat(third.count(step, "auto_closed")).isEqualTo(1);
        assertThat(again.steps()).allSatisfy(s -> assertThat(s.counts().entrySet())
                .filteredOn(c -> !c.getKey().equals("examined")).allSatisfy(c -> assertThat(c.getValue()).isZero()));

        WorkflowExecution closed = store.storedExecution(world.org, toClose.id()).orElseThrow();
        assertThat(closed.status()).isEqualTo(ExecutionStatus.SKIPPED);
        assertThat(closed.skipReason()).isEqualTo("condition cleared: risk score 3, at or below 5 − 1, for 2 daily runs");
        assertThat(last(closed)).satisfies(e -> {
            assertThat(e.action()).isEqualTo(Action.SKIP);
            assertThat(e.actor()).isNull();
        });
        WorkflowExecution woken = store.storedExecution(world.org, toWake.id()).orElseThrow();
        assertThat(woken.status()).isEqualTo(ExecutionStatus.NOT_STARTED);
        assertThat(last(woken)).satisfies(e -> {
            assertThat(e.action()).isEqualTo(Action.WAKE);
            assertThat(e.actor()).isNull();
            assertThat(e.reason()).isEqualTo("signal_worsened: risk score 6 at snooze, 10 now");
        });
        // The queue says why it is back (0 points: the explanation still sums to the score), until it moves on.
        Contribution why = new Contribution("woken_early", 0, "back early from snooze: the risk score rose from 6 to 10");
        assertThat(explanationOf(orchestrator, woken)).contains(why);
        assertThat(explanationOf(orchestrator, woken).stream().mapToInt(Contribution::points).sum())
                .isEqualTo(store.storedExecution(world.org, woken.id()).orElseThrow().priorityScore());
        assertThat(orchestrator.viewQueue().queue(world.csm, new ViewQueue.Query(Optional.empty(), QueueMode.PRODUCTION,
                50)).orElseThrow()).filteredOn(item -> item.priority().explanation().stream()
                        .anyMatch(c -> c.rule().equals("woken_early")))
                .extracting(item -> item.entry().execution().id()).containsExactly(woken.id());
        // ... and so does the execution on its own: one explanation wherever it is shown.
        assertThat(orchestrator.viewExecutions().execution(world.csm, woken.id()).orElseThrow().priority().explanation())
                .contains(why);
        orchestrator.transitionExecution().transition(world.csm, woken.id(), new Transition.Start(), null).orElseThrow();
        assertThat(explanationOf(orchestrator, woken)).doesNotContain(why);

        // The signals come back: the skipped item stays gone for the cooldown (30 days by default).
        store.changeSignals(clearing, World.signals(5, 8, 40));
        clock.advance(Duration.ofDays(29));
        run("a:1");
        assertThat(store.storedExecutions(world.org)).filteredOn(e -> e.customerId().equals(clearing.id())
                && e.definitionId().equals(watched.id())).singleElement().isEqualTo(closed);
        clock.advance(Duration.ofDays(1));
        run("a:1");
        assertThat(openOf(watched, clearing).id()).isNotEqualTo(closed.id());
    }

    private List<Contribution> explanationOf(Orchestrator orchestrator, WorkflowExecution execution) {
        return orchestrator.viewQueue().queue(world.csm, new ViewQueue.Query(Optional.empty(), QueueMode.PRODUCTION, 50))
                .orElseThrow().stream().filter(item -> item.entry().execution().id().equals(execution.id()))
                .findFirst().orElseThrow().priority().explanation();
    }

    private WorkflowExecution openOf(WorkflowDefinition definition, Customer customer) {
        return store.storedExecutions(world.org).stream().filter(e -> e.definitionId().equals(definition.id())
                && e.customerId().equals(customer.id()) && !e.status().isTerminal()).findFirst().orElseThrow();
    }

    private ExecutionEvent last(WorkflowExecution execution) {
        List<ExecutionEvent> events = store.eventsOf(world.org, execution.id());
        return events.get(events.size() - 1);
    }

    @Test
    void aRunInProgressElsewhereIsReportedAndNothingRuns() {
        JobLock.Held elsewhere = jobPorts.tryLock(RunDailyJob.NAME).orElseThrow();
        JobRun theirs = JobRun.started(new SequentialIds(99).newId(), RunDailyJob.NAME, "other:9", Optional.empty(),
                JobTrigger.SCHEDULE, clock.instant());
        jobPorts.started(theirs);

        RunDailyJob.Outcome outcome = run("a:1");

        assertThat(outcome).isEqualTo(new RunDailyJob.AlreadyRunning(Optional.of(theirs)));
        assertThat(store.storedExecutions(world.org)).isEmpty();
        elsewhere.close();
        assertThat(run("a:1")).isInstanceOf(RunDailyJob.Ran.class);
    }

    @Test
    void aRunLeftRunningByADeadInstanceIsAbandonedByTheNextRun() {
        JobRun dead = JobRun.started(new SequentialIds(99).newId(), RunDailyJob.NAME, "dead:1", Optional.empty(),
                JobTrigger.SCHEDULE, clock.instant());
        jobPorts.started(dead);
        clock.advance(java.time.Duration.ofMinutes(1));

        JobRun run = ((RunDailyJob.Ran) run("a:1")).run();

        List<JobRun> history = jobPorts.latest(RunDailyJob.NAME, 10);
        assertThat(history).extracting(JobRun::status).containsExactly(JobStatus.SUCCEEDED, JobStatus.ABANDONED);
        assertThat(history.get(0)).isEqualTo(run);
        assertThat(history.get(1).finishedAt()).isEqualTo(run.startedAt());
    }

    @Test
    void aFailingStepEndsTheRunAsFailedWithTheStepsDoneAndReleasesTheLock() {
        OutboundPorts ports = store.ports();
        OutboundPorts broken = ports.withRecomputation((scope, policy, today) -> {
            throw new IllegalStateException("database went away");
        });
        jobs = jobsOn(broken);

        JobRun run = ((RunDailyJob.Ran) run("a:1")).run();

        assertThat(run.status()).isEqualTo(JobStatus.FAILED);
        assertThat(run.steps()).extracting(StepReport::name).containsExactly("interpret_signals", "apply_lifecycle_rules");
        assertThat(run.error()).isEqualTo("recompute_priorities: database went away");
        assertThat(jobPorts.latest(RunDailyJob.NAME, 1)).containsExactly(run);
        assertThat(jobPorts.tryLock(RunDailyJob.NAME)).isPresent();
    }

    @Test
    void onlyAdminsSeeTheJobsWithTheirPlanAndLatestRunsNewestFirst() {
        jobPorts.plan(RunDailyJob.NAME, new JobCalendar.Planned("daily at 00:05 UTC",
                Optional.of(Instant.parse("2026-03-03T00:05:00Z"))));
        run("a:1");
        clock.advance(java.time.Duration.ofMinutes(5));
        run("a:1");

        assertThat(jobs.viewJobs().jobs(world.csm)).isInstanceOf(Result.Err.class);
        assertThat(jobs.viewJobs().jobs(world.manager)).isInstanceOf(Result.Err.class);
        List<ViewJobs.JobOverview> view = jobs.viewJobs().jobs(world.admin).orElseThrow();
        assertThat(view).hasSize(1);
        assertThat(view.get(0).name()).isEqualTo("daily");
        assertThat(view.get(0).schedule()).contains("daily at 00:05 UTC");
        assertThat(view.get(0).nextRunAt()).contains(Instant.parse("2026-03-03T00:05:00Z"));
        assertThat(view.get(0).lastRuns()).hasSize(2);
        assertThat(view.get(0).lastRuns().get(0).startedAt()).isAfter(view.get(0).lastRuns().get(1).startedAt());
    }
}
