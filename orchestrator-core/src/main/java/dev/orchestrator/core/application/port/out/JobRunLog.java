package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.domain.jobs.JobRun;
import java.time.Instant;
import java.util.List;

/** The history of job runs: where each run is recorded as it starts and when it finishes. */
public interface JobRunLog {

    /** Records a run that has just started ({@code run.status()} is running). */
    void started(JobRun run);

    /** Records how the run (recorded by {@link #started}) finished: status, finish time, steps, error. */
    void finished(JobRun run);

    /** The latest runs of {@code job}, newest first. */
    List<JobRun> latest(String job, int limit);

    /**
     * Marks every run of {@code job} still recorded as running as abandoned (finished at {@code at}), and
     * returns how many. Called by a run that holds the job's lock: a running row then belongs to an instance
     * that died.
     */
    int abandonRunning(String job, Instant at);
}
