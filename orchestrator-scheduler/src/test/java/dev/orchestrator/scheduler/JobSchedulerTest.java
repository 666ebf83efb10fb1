package dev.orchestrator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.in.RunDailyJob;
import dev.orchestrator.core.application.port.out.JobCalendar;
import dev.orchestrator.core.domain.jobs.JobRun;
import dev.orchestrator.core.domain.jobs.JobTrigger;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler adapter on a real database, with a recording stand-in for the daily job: the task is
 * planned at the configured UTC time, two schedulers on one database run a due time once, and a failed or
 * lock-blocked run is retried after {@code retryAfter} rather than waiting for tomorrow.
 */
@WithPostgres
class JobSchedulerTest {

    private final TestDatabase db;
    private final List<JobScheduler> started = new CopyOnWriteArrayList<>();

    JobSchedulerTest(TestDatabase db) {
        this.db = db;
    }

    @AfterEach
    void stop() throws SQLException {
        started.forEach(JobScheduler::stop);
        execute("DELETE FROM scheduled_tasks");
    }

    /** Records who ran; succeeds, or (when {@code fail}) answers that the lock is taken. */
    private static final class Recorder implements RunDailyJob {
        final List<Request> requests = new CopyOnWriteArrayList<>();
        volatile boolean fail;

        @Override
        public Outcome run(Request request) {
            requests.add(request);
            if (fail) {
                return new AlreadyRunning(Optional.empty());
            }
            Instant now = Instant.now();
            return new Ran(JobRun.started(UUID.randomUUID(), NAME, request.instance(), request.organization(),
                    request.trigger(), now).succeeded(List.of(), now));
        }
    }

    private SchedulerSettings settings(String instance, LocalTime at) {
        return SchedulerSettings.of(at, instance)
                .withTimings(Duration.ofSeconds(1), 6, Duration.ofMillis(300), Duration.ofSeconds(30));
    }

    private JobScheduler start(Recorder job, SchedulerSettings settings) {
        JobScheduler scheduler = JobScheduler.start(db.dataSource(), job, settings);
        started.add(scheduler);
        return scheduler;
    }

    @Test
    void theDailyTaskIsPlannedAtTheConfiguredUtcTimeAndTheCalendarSaysSo() throws Exception {
        SchedulerSettings settings = settings("s-1", LocalTime.of(3, 17));
        JobCalendar calendar = JobScheduler.calendar(db.dataSource(), settings);
        assertThat(calendar.planned("daily")).contains(new JobCalendar.Planned("daily at 03:17 UTC", Optional.empty()));
        assertThat(calendar.planned("weekly")).isEmpty();

        start(new Recorder(), settings);

        Instant next = calendar.planned("daily").orElseThrow().nextRunAt().orElseThrow();
        assertThat(next.atOffset(ZoneOffset.UTC).toLocalTime()).isEqualTo(LocalTime.of(3, 17));
        assertThat(next).isBetween(Instant.now(), Instant.now().plus(Duration.ofDays(1)));
    }

    @Test
    void twoSchedulersOnOneDatabaseRunADueTimeOnce() throws Exception {
        Recorder job = new Recorder();
        start(job, settings("s-1", LocalTime.of(0, 5)));
        start(job, settings("s-2", LocalTime.of(0, 5)));

        makeDue();
        await(() -> job.requests.size() == 1 && !picked());
        Thread.sleep(1_500); // five polling intervals: time for a second (wrong) run to show
        assertThat(job.requests).hasSize(1);
        assertThat(job.requests.get(0).trigger()).isEqualTo(JobTrigger.SCHEDULE);
        assertThat(job.requests.get(0).organization()).isEmpty();
        assertThat(job.requests.get(0).instance()).isIn("s-1", "s-2");
        assertThat(nextRun()).as("rescheduled to the next 00:05").isAfter(Instant.now());
    }

    @Test
    void aRunThatFindsTheLockTakenIsRetriedAfterRetryAfterNotTomorrow() throws Exception {
        Recorder job = new Recorder();
        job.fail = true;
        start(job, settings("s-1", LocalTime.of(0, 5)));

        Instant due = Instant.now();
        makeDue();
        await(() -> job.requests.size() == 1 && !picked());

        assertThat(nextRun()).isBetween(due.plusSeconds(25), Instant.now().plusSeconds(31));
    }

    private boolean picked() {
        try (Connection c = db.connection(); Statement s = c.createStatement();
                var r = s.executeQuery("SELECT picked FROM scheduled_tasks WHERE task_name = 'daily'")) {
            return r.next() && r.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant nextRun() throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement();
                var r = s.executeQuery("SELECT execution_time FROM scheduled_tasks WHERE task_name = 'daily'")) {
            r.next();
            return r.getTimestamp(1).toInstant();
        }
    }

    private void makeDue() throws SQLException {
        execute("UPDATE scheduled_tasks SET execution_time = now() WHERE task_name = 'daily'");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after 60 s");
            }
            Thread.sleep(100);
        }
    }
}
