package dev.orchestrator.cli;

import dev.orchestrator.core.application.port.in.RunDailyJob;
import dev.orchestrator.scheduler.JobScheduler;
import java.io.PrintWriter;

/** The jobs {@code serve} runs on this instance (or, with --no-jobs, does not); closing stops the scheduler. */
final class ServeJobs implements AutoCloseable {

    private JobScheduler scheduler;
    private final boolean enabled;

    private ServeJobs(JobScheduler scheduler, boolean enabled) {
        this.scheduler = scheduler;
        this.enabled = enabled;
    }

    /** What /health/ready says of the scheduler: off, starting, running or stopped. */
    synchronized String state() {
        return scheduler == null ? (enabled ? "stopped" : "off") : scheduler.state();
    }

    static ServeJobs start(Database database, RunDailyJob daily, JobOptions.Resolved options, PrintWriter out) {
        if (!options.enabled()) {
            out.println("Jobs are off on this instance (--no-jobs / " + JobOptions.JOBS_VARIABLE
                    + "=off); other instances still run them.");
            return new ServeJobs(null, false);
        }
        JobScheduler scheduler;
        try {
            scheduler = JobScheduler.start(database.dataSource(), daily, options.settings());
        } catch (RuntimeException e) {
            throw CliFailure.failure("Cannot start the job scheduler: " + Database.rootMessage(e), e);
        }
        out.println("Running the daily job " + options.settings().dailyDescription() + " as "
                + options.settings().instance() + " (once across every instance on this database).");
        return new ServeJobs(scheduler, true);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            JobScheduler s = scheduler;
            scheduler = null;
            s.stop();
        }
    }
}
