package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.RunDailyJob;
import dev.orchestrator.core.domain.jobs.JobRun;
import dev.orchestrator.core.domain.jobs.StepReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;

/**
 * The daily job's meters, for {@code /metrics}: {@code orchestrator_job_runs_total} by job, status
 * (succeeded, failed, already_running) and trigger; {@code orchestrator_job_run_seconds} by job and
 * status; {@code orchestrator_job_step_seconds} by job and step. Runs of this process only (a
 * {@code jobs run} from the CLI is another process; the run history has every run).
 */
public final class JobMetrics {

    private JobMetrics() {}

    /** {@code daily}, recording each run it makes on {@code meters}. */
    public static RunDailyJob metered(RunDailyJob daily, MeterRegistry meters) {
        Objects.requireNonNull(daily, "daily");
        Objects.requireNonNull(meters, "meters");
        return request -> {
            RunDailyJob.Outcome outcome = daily.run(request);
            String trigger = request.trigger().wireName();
            if (outcome instanceof RunDailyJob.Ran ran) {
                JobRun run = ran.run();
                String status = run.status().wireName();
                runs(meters, status, trigger).increment();
                if (run.finishedAt() != null) {
                    Timer.builder("orchestrator.job.run").tag("job", RunDailyJob.NAME).tag("status", status)
                            .description("Duration of a job run").register(meters)
                            .record(Duration.between(run.startedAt(), run.finishedAt()));
                }
                for (StepReport step : run.steps()) {
                    Timer.builder("orchestrator.job.step").tag("job", RunDailyJob.NAME).tag("step", step.name())
                            .description("Duration of one step of a job run").register(meters)
                            .record(step.duration());
                }
            } else {
                runs(meters, "already_running", trigger).increment();
            }
            return outcome;
        };
    }

    private static Counter runs(MeterRegistry meters, String status, String trigger) {
        return Counter.builder("orchestrator.job.runs").tag("job", RunDailyJob.NAME).tag("status", status)
                .tag("trigger", trigger).description("Job runs started by this process, by outcome")
                .register(meters);
    }
}
