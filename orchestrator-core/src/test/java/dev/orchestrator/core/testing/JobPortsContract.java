package dev.orchestrator.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.out.JobLock;
import dev.orchestrator.core.application.port.out.JobRunLog;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.jobs.JobRun;
import dev.orchestrator.core.domain.jobs.JobStatus;
import dev.orchestrator.core.domain.jobs.JobTrigger;
import dev.orchestrator.core.domain.jobs.StepReport;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@code JobRunLog} and {@code JobLock}: runs round-trip exactly (steps in order, their counts,
 * microsecond times), the latest come newest first, abandoning touches only running rows of that
 * job, and the lock admits one holder per job until released. Each test uses its own job names, so a
 * store shared with other tests does not matter.
 */
public abstract class JobPortsContract {

    private static final Instant T = Instant.parse("2026-03-02T00:05:00.123456Z");

    protected abstract JobRunLog runs();

    protected abstract JobLock lock();

    private String job;

    @BeforeEach
    void newJobName() {
        job = "contract-" + UUID.randomUUID();
    }

    private static Map<String, Long> counts(String k1, long v1, String k2, long v2) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    @Test
    void aRunRoundTripsFromStartToFinish() {
        OrganizationId org = OrganizationId.of(UUID.randomUUID());
        JobRun started = JobRun.started(UUID.randomUUID(), job, "host-1:42", Optional.of(org), JobTrigger.MANUAL, T);
        runs().started(started);
        assertThat(runs().latest(job, 5)).containsExactly(started);

        List<StepReport> steps = List.of(
                new StepReport("interpret_signals", Map.of("created", 3L), Duration.ofNanos(412_345_000)),
                new StepReport("recompute_priorities", counts("examined", 120, "changed", 7), Duration.ofMillis(2)));
        JobRun done = started.succeeded(steps, T.plusSeconds(3));
        runs().finished(done);
        List<JobRun> latest = runs().latest(job, 5);
        assertThat(latest).containsExactly(done);
        assertThat(latest.get(0).steps().get(1).counts()).containsEntry("examined", 120L).containsEntry("changed", 7L);

        JobRun failed = JobRun.started(UUID.randomUUID(), job, "host-2:7", Optional.empty(), JobTrigger.SCHEDULE,
                T.plusSeconds(60)).failed(List.of(), T.plusSeconds(61), "interpret_signals: connection refused");
        runs().started(JobRun.started(failed.id(), job, "host-2:7", Optional.empty(), JobTrigger.SCHEDULE,
                T.plusSeconds(60)));
        runs().finished(failed);
        assertThat(runs().latest(job, 5)).containsExactly(failed, done);
        assertThat(runs().latest(job, 1)).containsExactly(failed);
    }

    @Test
    void abandoningMarksOnlyRunningRunsOfThatJob() {
        String other = job + "-other";
        JobRun dead = JobRun.started(UUID.randomUUID(), job, "dead:1", Optional.empty(), JobTrigger.SCHEDULE, T);
        JobRun finished = JobRun.started(UUID.randomUUID(), job, "a:1", Optional.empty(), JobTrigger.SCHEDULE,
                T.minusSeconds(86_400));
        JobRun otherRunning = JobRun.started(UUID.randomUUID(), other, "b:1", Optional.empty(), JobTrigger.MANUAL, T);
        runs().started(dead);
        runs().started(finished);
        runs().finished(finished.succeeded(List.of(), T.minusSeconds(86_000)));
        runs().started(otherRunning);

        assertThat(runs().abandonRunning(job, T.plusSeconds(30))).isEqualTo(1);
        assertThat(runs().abandonRunning(job, T.plusSeconds(40))).isZero();

        JobRun abandoned = runs().latest(job, 5).get(0);
        assertThat(abandoned.id()).isEqualTo(dead.id());
        assertThat(abandoned.status()).isEqualTo(JobStatus.ABANDONED);
        assertThat(abandoned.finishedAt()).isEqualTo(T.plusSeconds(30));
        assertThat(runs().latest(job, 5).get(1).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(runs().latest(other, 5)).containsExactly(otherRunning);
    }

    @Test
    void theLockAdmitsOneHolderPerJobUntilReleased() {
        Optional<JobLock.Held> first = lock().tryLock(job);
        assertThat(first).isPresent();
        assertThat(lock().tryLock(job)).isEmpty();
        Optional<JobLock.Held> otherJob = lock().tryLock(job + "-other");
        assertThat(otherJob).isPresent();
        first.get().close();
        first.get().close(); // twice is harmless
        Optional<JobLock.Held> again = lock().tryLock(job);
        assertThat(again).isPresent();
        again.get().close();
        otherJob.get().close();
    }
}
