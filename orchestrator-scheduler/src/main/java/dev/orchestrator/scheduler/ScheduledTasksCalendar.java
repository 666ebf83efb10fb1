package dev.orchestrator.scheduler;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.orchestrator.core.application.port.in.RunDailyJob;
import dev.orchestrator.core.application.port.out.JobCalendar;
import java.util.Optional;
import javax.sql.DataSource;

/** The plan of each job, read from db-scheduler's table: the next due time of its recurring execution. */
final class ScheduledTasksCalendar implements JobCalendar {

    private final SchedulerClient client;
    private final SchedulerSettings settings;

    ScheduledTasksCalendar(DataSource dataSource, SchedulerSettings settings) {
        this.client = SchedulerClient.Builder.create(dataSource).build();
        this.settings = settings;
    }

    @Override
    public Optional<Planned> planned(String job) {
        if (!RunDailyJob.NAME.equals(job)) {
            return Optional.empty();
        }
        Optional<ScheduledExecution<Object>> execution =
                client.getScheduledExecution(TaskInstanceId.of(job, JobScheduler.RECURRING_INSTANCE));
        return Optional.of(new Planned(settings.dailyDescription(),
                execution.map(ScheduledExecution::getExecutionTime)));
    }
}
