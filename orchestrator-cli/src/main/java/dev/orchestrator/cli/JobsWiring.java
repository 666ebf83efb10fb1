package dev.orchestrator.cli;

import dev.orchestrator.core.application.Jobs;
import dev.orchestrator.core.application.Orchestrator;
import dev.orchestrator.persistence.PostgresStore;
import dev.orchestrator.scheduler.JobScheduler;
import dev.orchestrator.scheduler.SchedulerSettings;
import java.time.Clock;

/** The jobs on a database: history and lock from the PostgreSQL store, the plan from the scheduler's table. */
final class JobsWiring {

    private JobsWiring() {}

    static Jobs jobs(Database database, Orchestrator orchestrator, SchedulerSettings settings) {
        PostgresStore store = PostgresStore.create(database.dataSource());
        return new Jobs(orchestrator, new Jobs.Ports(store.jobRuns(), store.jobLock(),
                JobScheduler.calendar(database.dataSource(), settings), store.ports().ids()), Clock.systemUTC());
    }
}
