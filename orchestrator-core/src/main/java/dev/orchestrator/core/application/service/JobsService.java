package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.RunDailyJob;
import dev.orchestrator.core.application.port.in.ViewJobs;
import dev.orchestrator.core.application.port.out.JobCalendar;
import dev.orchestrator.core.application.port.out.JobRunLog;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import java.util.List;
import java.util.Optional;

/** The jobs the core knows, with what the scheduler has planned and what the history recorded. */
public final class JobsService implements ViewJobs {

    private static final List<String> JOBS = List.of(RunDailyJob.NAME);

    private final JobRunLog log;
    private final JobCalendar calendar;

    public JobsService(JobRunLog log, JobCalendar calendar) {
        this.log = log;
        this.calendar = calendar;
    }

    @Override
    public Result<List<JobOverview>> jobs(Profile caller) {
        if (caller.role() != Role.ADMIN) {
            return Result.err(new Failure.Forbidden("only an admin may see the jobs"));
        }
        return Result.ok(all());
    }

    @Override
    public List<JobOverview> all() {
        return JOBS.stream().map(job -> {
            Optional<JobCalendar.Planned> planned = calendar.planned(job);
            return new JobOverview(job, planned.map(JobCalendar.Planned::schedule),
                    planned.flatMap(JobCalendar.Planned::nextRunAt), log.latest(job, LAST_RUNS));
        }).toList();
    }
}
