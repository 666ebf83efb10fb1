package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.ViewJobs;
import dev.orchestrator.core.domain.jobs.JobRun;
import dev.orchestrator.core.domain.jobs.StepReport;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/admin/jobs} (admins only): every job with its schedule, its next due time and its
 * latest runs, newest first, each with its steps' counts and durations.
 */
final class JobsHandler {

    private final ViewJobs viewJobs;

    JobsHandler(ViewJobs viewJobs) {
        this.viewJobs = viewJobs;
    }

    void jobs(Context ctx) {
        List<ViewJobs.JobOverview> jobs = Responses.valueOf(viewJobs.jobs(Authentication.caller(ctx)));
        Responses.json(ctx, 200, Map.of("jobs", jobs.stream().map(JobsHandler::job).toList()));
    }

    private static Map<String, Object> job(ViewJobs.JobOverview job) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", job.name());
        json.put("schedule", job.schedule().orElse(null));
        json.put("next_run_at", Representations.time(job.nextRunAt().orElse(null)));
        json.put("last_runs", job.lastRuns().stream().map(JobsHandler::run).toList());
        return json;
    }

    private static Map<String, Object> run(JobRun run) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", run.id().toString());
        json.put("started_at", Representations.time(run.startedAt()));
        json.put("finished_at", Representations.time(run.finishedAt()));
        json.put("status", run.status().wireName());
        json.put("trigger", run.trigger().wireName());
        json.put("instance", run.instance());
        json.put("organization_id", run.organization() == null ? null : run.organization().toString());
        json.put("steps", run.steps().stream().map(JobsHandler::step).toList());
        json.put("error", run.error());
        return json;
    }

    private static Map<String, Object> step(StepReport step) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", step.name());
        json.put("counts", step.counts());
        json.put("seconds", step.seconds());
        return json;
    }
}
