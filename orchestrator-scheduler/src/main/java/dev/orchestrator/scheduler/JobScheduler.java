package dev.orchestrator.scheduler;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.orchestrator.core.application.port.in.RunDailyJob;
import dev.orchestrator.core.application.port.out.JobCalendar;
import dev.orchestrator.core.domain.jobs.JobRun;
import dev.orchestrator.core.domain.jobs.JobStatus;
import dev.orchestrator.core.domain.jobs.JobTrigger;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's jobs on db-scheduler, over the {@code scheduled_tasks} table of the orchestrator's
 * database: one recurring task, {@value RunDailyJob#NAME}, due daily at the configured UTC time. Every
 * instance may run a scheduler; db-scheduler lets exactly one of them pick each due execution, keeps it
 * alive with heartbeats and, when the instance running it dies, revives it on another one (after
 * {@link SchedulerSettings#deadAfter()}). The task itself is the core's {@link RunDailyJob}, the same use
 * case {@code orchestrator jobs run} calls.
 *
 * <pre>{@code
 * JobScheduler scheduler = JobScheduler.start(dataSource, jobs.runDailyJob(), settings);
 * ...
 * scheduler.stop();
 * }</pre>
 */
public final class JobScheduler {

    /** db-scheduler's instance id of a recurring task (there is one execution per recurring task). */
    static final String RECURRING_INSTANCE = RecurringTask.INSTANCE;

    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);
    private static final Duration SHUTDOWN_MAX_WAIT = Duration.ofSeconds(30);

    private final Scheduler scheduler;

    private JobScheduler(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Starts scheduling on {@code dataSource} (migrated: it needs {@code scheduled_tasks}). */
    public static JobScheduler start(DataSource dataSource, RunDailyJob daily, SchedulerSettings settings) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(daily, "daily");
        Objects.requireNonNull(settings, "settings");
        RecurringTask<Void> task = Tasks.recurring(RunDailyJob.NAME, Schedules.daily(ZoneOffset.UTC, settings.dailyAt()))
                .onFailure(new FailureHandler.OnFailureRetryLater<>(settings.retryAfter()))
                .execute((instance, context) -> runDaily(daily, settings));
        Scheduler scheduler = Scheduler.create(dataSource)
                .startTasks(task)
                .schedulerName(new SchedulerName.Fixed(settings.instance()))
                .threads(1)
                .pollingInterval(settings.polling())
                .heartbeatInterval(settings.heartbeat())
                .missedHeartbeatsLimit(settings.missedHeartbeats())
                .shutdownMaxWait(SHUTDOWN_MAX_WAIT)
                // A failed run says why in one line (the run history has the step and the error).
                .failureLogging(LogLevel.WARN, false)
                .build();
        scheduler.start();
        return new JobScheduler(scheduler);
    }

    private static void runDaily(RunDailyJob daily, SchedulerSettings settings) {
        RunDailyJob.Outcome outcome = daily.run(
                new RunDailyJob.Request(Optional.empty(), settings.instance(), JobTrigger.SCHEDULE));
        if (outcome instanceof RunDailyJob.AlreadyRunning busy) {
            // A manual run holds the lock: try again later (the run is idempotent, so a second one is harmless).
            throw new IllegalStateException("the daily job is already running"
                    + busy.running().map(r -> " on " + r.instance()).orElse("") + "; retrying in "
                    + settings.retryAfter());
        }
        JobRun run = ((RunDailyJob.Ran) outcome).run();
        if (run.status() == JobStatus.FAILED) {
            throw new IllegalStateException("the daily job failed (" + run.error() + "); retrying in "
                    + settings.retryAfter());
        }
        LOG.info("daily job {} on {}: {}", run.id(), run.instance(), run.steps());
    }

    /** What is planned, read from the scheduler's table: works on every instance, scheduling or not. */
    public static JobCalendar calendar(DataSource dataSource, SchedulerSettings settings) {
        return new ScheduledTasksCalendar(dataSource, settings);
    }

    /** {@code running} while it picks due runs, {@code stopped} once {@link #stop()} began (for /health/ready). */
    public String state() {
        var state = scheduler.getSchedulerState();
        return state.isStarted() && !state.isShuttingDown() ? "running" : state.isShuttingDown() ? "stopped" : "starting";
    }

    /** Stops picking new runs; a run in progress gets up to 30 s to finish (then another instance revives it). */
    public void stop() {
        scheduler.stop();
    }
}
