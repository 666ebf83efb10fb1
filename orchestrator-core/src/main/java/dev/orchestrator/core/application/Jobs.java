package dev.orchestrator.core.application;

import dev.orchestrator.core.application.port.in.RunDailyJob;
import dev.orchestrator.core.application.port.in.ViewJobs;
import dev.orchestrator.core.application.port.out.IdGenerator;
import dev.orchestrator.core.application.port.out.JobCalendar;
import dev.orchestrator.core.application.port.out.JobLock;
import dev.orchestrator.core.application.port.out.JobRunLog;
import dev.orchestrator.core.application.service.DailyJobService;
import dev.orchestrator.core.application.service.JobsService;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The orchestrator's jobs, wired on an {@link Orchestrator} (whose use cases are the jobs' steps) and the
 * ports jobs need: the run history, the job lock, and the scheduler's calendar.
 *
 * <pre>{@code
 * Jobs jobs = new Jobs(orchestrator, new Jobs.Ports(runLog, jobLock, calendar, ids), clock);
 * jobs.runDailyJob().run(new RunDailyJob.Request(Optional.empty(), "host-1", JobTrigger.MANUAL));
 * }</pre>
 */
public final class Jobs {

    /** What the jobs need from the outside world. */
    public record Ports(JobRunLog runs, JobLock lock, JobCalendar calendar, IdGenerator ids) {
        public Ports {
            Objects.requireNonNull(runs, "runs");
            Objects.requireNonNull(lock, "lock");
            Objects.requireNonNull(calendar, "calendar");
            Objects.requireNonNull(ids, "ids");
        }
    }

    private final DailyJobService daily;
    private final JobsService view;

    /** {@code clock}: the same clock the orchestrator runs on (its zone is ignored: UTC). */
    public Jobs(Orchestrator orchestrator, Ports ports, Clock clock) {
        Objects.requireNonNull(orchestrator, "orchestrator");
        Clock utc = Clock.tick(clock.withZone(ZoneOffset.UTC), Duration.ofNanos(1_000));
        this.daily = new DailyJobService(orchestrator.interpretSignals(), orchestrator.applyLifecycleRules(),
                orchestrator.recomputePriorities(), ports.runs(), ports.lock(), ports.ids(), utc);
        this.view = new JobsService(ports.runs(), ports.calendar());
    }

    public RunDailyJob runDailyJob() {
        return daily;
    }

    public ViewJobs viewJobs() {
        return view;
    }
}
