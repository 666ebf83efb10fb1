package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.jobs.JobRun;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The jobs, their schedule and their latest runs, newest first. Admins only (the jobs span every organization). */
public interface ViewJobs {

    int LAST_RUNS = 10;

    /** For an authenticated caller: forbidden unless an admin. */
    Result<List<JobOverview>> jobs(Profile caller);

    /** For a trusted operator (the command line, which already holds the database credentials). */
    List<JobOverview> all();

    record JobOverview(String name, Optional<String> schedule, Optional<Instant> nextRunAt, List<JobRun> lastRuns) {
        public JobOverview {
            lastRuns = List.copyOf(lastRuns);
        }
    }
}
