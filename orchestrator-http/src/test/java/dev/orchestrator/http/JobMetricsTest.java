package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.in.RunDailyJob;
import dev.orchestrator.core.domain.jobs.JobRun;
import dev.orchestrator.core.domain.jobs.JobStatus;
import dev.orchestrator.core.domain.jobs.JobTrigger;
import dev.orchestrator.core.domain.jobs.StepReport;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobMetricsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:05:00Z");
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private static JobRun succeeded() {
        return new JobRun(UUID.randomUUID(), RunDailyJob.NAME, "host-1", null, JobTrigger.SCHEDULE, JobStatus.SUCCEEDED,
                T0, T0.plusSeconds(3), List.of(
                        new StepReport("interpret_signals", Map.of("created", 4L), Duration.ofMillis(1200)),
                        new StepReport("recompute_priorities", Map.of("changed", 9L), Duration.ofMillis(1800))),
                null);
    }

    @Test
    void eachRunCountsByStatusAndTriggerAndEachStepTimesByName() {
        RunDailyJob daily = JobMetrics.metered(request -> new RunDailyJob.Ran(succeeded()), meters);

        daily.run(new RunDailyJob.Request(Optional.empty(), "host-1", JobTrigger.SCHEDULE));
        daily.run(new RunDailyJob.Request(Optional.empty(), "host-1", JobTrigger.SCHEDULE));

        String scrape = meters.scrape();
        assertThat(scrape).contains(
                "orchestrator_job_runs_total{job=\"daily\",status=\"succeeded\",trigger=\"schedule\"} 2.0");
        assertThat(scrape).contains("orchestrator_job_step_seconds_count{job=\"daily\",step=\"interpret_signals\"} 2")
                .contains("orchestrator_job_step_seconds_sum{job=\"daily\",step=\"recompute_priorities\"} 3.6")
                .contains("orchestrator_job_run_seconds_sum{job=\"daily\",status=\"succeeded\"} 6.0");
    }

    @Test
    void aRunRefusedBecauseAnotherHoldsTheLockCountsAsAlreadyRunning() {
        RunDailyJob daily = JobMetrics.metered(request -> new RunDailyJob.AlreadyRunning(Optional.empty()), meters);

        RunDailyJob.Outcome outcome = daily.run(new RunDailyJob.Request(Optional.empty(), "host-2", JobTrigger.MANUAL));

        assertThat(outcome).isInstanceOf(RunDailyJob.AlreadyRunning.class);
        assertThat(meters.scrape()).contains(
                "orchestrator_job_runs_total{job=\"daily\",status=\"already_running\",trigger=\"manual\"} 1.0");
    }
}
