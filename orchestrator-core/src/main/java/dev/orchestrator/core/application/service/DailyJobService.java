package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.port.in.ApplyLifecycleRules;
import dev.orchestrator.core.application.port.in.InterpretSignals;
import dev.orchestrator.core.application.port.in.RecomputePriorities;
import dev.orchestrator.core.application.port.in.RunDailyJob;
import dev.orchestrator.core.application.port.out.IdGenerator;
import dev.orchestrator.core.application.port.out.JobLock;
import dev.orchestrator.core.application.port.out.JobRunLog;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.jobs.JobRun;
import dev.orchestrator.core.domain.jobs.JobStatus;
import dev.orchestrator.core.domain.jobs.StepReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The daily job: takes the job's lock, records the run, runs the steps in order (each timed, each
 * counting what it did), and records how it ended. A step that throws ends the run as failed, with the
 * steps done so far and the error; the lock is released in every case.
 */
public final class DailyJobService implements RunDailyJob {

    private record Step(String name, Function<Optional<OrganizationId>, Map<String, Long>> action) {
    }

    /** How many of the latest runs to look through for the one that holds the lock. */
    private static final int RUNNING_LOOKBACK = 5;

    private final List<Step> steps;
    private final JobRunLog log;
    private final JobLock lock;
    private final IdGenerator ids;
    private final Clock clock;

    public DailyJobService(InterpretSignals interpret, ApplyLifecycleRules lifecycle, RecomputePriorities recompute,
            JobRunLog log, JobLock lock, IdGenerator ids, Clock clock) {
        this.log = log;
        this.lock = lock;
        this.ids = ids;
        this.clock = clock;
        this.steps = List.of(
                new Step(STEPS.get(0), organization -> counts("created", interpret.interpret(organization).total())),
                new Step(STEPS.get(1), organization -> lifecycle.apply(organization).counts()),
                new Step(STEPS.get(2), organization -> {
                    RecomputePriorities.Report report = recompute.recompute(organization);
                    return counts("examined", report.examined(), "changed", report.changed());
                }));
    }

    @Override
    public Outcome run(Request request) {
        Optional<JobLock.Held> held = lock.tryLock(NAME);
        if (held.isEmpty()) {
            return new AlreadyRunning(log.latest(NAME, RUNNING_LOOKBACK).stream()
                    .filter(r -> r.status() == JobStatus.RUNNING).findFirst());
        }
        try (JobLock.Held ignored = held.get()) {
            Instant startedAt = clock.instant();
            // We hold the lock, so a run still recorded as running belongs to an instance that died.
            log.abandonRunning(NAME, startedAt);
            JobRun run = JobRun.started(ids.newId(), NAME, request.instance(), request.organization(),
                    request.trigger(), startedAt);
            log.started(run);
            List<StepReport> done = new ArrayList<>();
            for (Step step : steps) {
                Instant stepStarted = clock.instant();
                Map<String, Long> counts;
                try {
                    counts = step.action().apply(request.organization());
                } catch (RuntimeException e) {
                    JobRun failed = run.failed(done, clock.instant(), step.name() + ": " + describe(e));
                    log.finished(failed);
                    return new Ran(failed);
                }
                done.add(new StepReport(step.name(), counts, Duration.between(stepStarted, clock.instant())));
            }
            JobRun succeeded = run.succeeded(done, clock.instant());
            log.finished(succeeded);
            return new Ran(succeeded);
        }
    }

    private static String describe(RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : e.getClass().getSimpleName() + " (" + message + ")";
    }

    private static Map<String, Long> counts(Object... keysAndValues) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            counts.put((String) keysAndValues[i], (Long) keysAndValues[i + 1]);
        }
        return counts;
    }
}
