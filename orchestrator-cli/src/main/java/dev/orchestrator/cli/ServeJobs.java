package dev.orchestrator.cli;

import dev.orchestrator.core.application.Jobs;
import dev.orchestrator.scheduler.JobScheduler;
import java.io.PrintWriter;

/** The jobs {@code serve} runs on this instance (or, with --no-jobs, does not); closing stops the scheduler. */
final class ServeJobs implements AutoCloseable {

    private JobScheduler scheduler;

    private ServeJobs(JobScheduler scheduler) {
        this.scheduler = scheduler;
    }

    static ServeJobs start(Database database, Jobs jobs, JobOptions.Resolved options, PrintWriter out) {
        if (!options.enabled()) {
            out.println("Jobs are off on this instance (--no-jobs / " + JobOptions.JOBS_VARIABLE
                    + "=off); other instances still run them.");
            return new ServeJobs(null);
        }
        JobScheduler scheduler;
        try {
            scheduler = JobScheduler.start(database.dataSource(), jobs.runDailyJob(), options.settings());
        } catch (RuntimeException e) {
            throw CliFailure.failure("Cannot start the job scheduler: " + Database.rootMessage(e), e);
        }
        out.println("Running the daily job " + options.settings().dailyDescription() + " as "
                + options.settings().instance() + " (once across every instance on this database).");
        return new ServeJobs(scheduler);
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
