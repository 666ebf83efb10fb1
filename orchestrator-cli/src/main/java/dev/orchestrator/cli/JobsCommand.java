package dev.orchestrator.cli;

import dev.orchestrator.core.application.port.in.RunDailyJob;
import dev.orchestrator.core.application.port.in.ViewJobs;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.jobs.JobRun;
import dev.orchestrator.core.domain.jobs.JobStatus;
import dev.orchestrator.core.domain.jobs.JobTrigger;
import dev.orchestrator.core.domain.jobs.StepReport;
import dev.orchestrator.scheduler.SchedulerSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = {"The orchestrator's scheduled jobs, which `serve` runs by itself (once across instances): "
                + "'daily' interprets the signals, then recomputes the priorities.",
                "jobs list: each job's schedule, next run and latest runs with their steps. "
                        + "jobs run daily: run it now, through the same code path and the same lock as the schedule."},
        subcommands = {JobsCommand.ListJobs.class, JobsCommand.RunJob.class})
final class JobsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing what to do: 'jobs list' or 'jobs run daily'");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Each job: its schedule (from ORCHESTRATOR_DAILY_AT, default 00:05 UTC), when it is due "
                    + "next, and its latest runs, newest first, with each step's counts and duration."})
    static final class ListJobs extends DatabaseCommand {

        @Option(names = "--limit", paramLabel = "N", defaultValue = "5",
                description = "How many of the latest runs to show per job (1-" + ViewJobs.LAST_RUNS + "; default 5).")
        int limit;

        @Override
        public Integer call() {
            if (limit < 1 || limit > ViewJobs.LAST_RUNS) {
                throw CliFailure.usage("--limit: must be from 1 to " + ViewJobs.LAST_RUNS + ", got " + limit);
            }
            Env env = env();
            SchedulerSettings settings = SchedulerSettings.of(JobOptions.dailyAt(env, null),
                    JobOptions.instance(env, null));
            try (Database database = openMigratedDatabase()) {
                PrintWriter out = env.out();
                for (ViewJobs.JobOverview job : JobsWiring.jobs(database, database.orchestrator(), settings)
                        .viewJobs().all()) {
                    out.printf("%s: %s; next run %s%n", job.name(), job.schedule().orElse("not scheduled"),
                            job.nextRunAt().map(JobsCommand::time)
                                    .orElse("not planned yet (no instance has run serve with jobs on)"));
                    if (job.lastRuns().isEmpty()) {
                        out.println("  no runs yet");
                    }
                    for (JobRun run : job.lastRuns().stream().limit(limit).toList()) {
                        out.printf("  %-20s  %-9s  %-8s  %s%s%s%n", time(run.startedAt()), run.status().wireName(),
                                run.trigger().wireName(), run.instance(),
                                run.organizationScope().map(o -> "  organization " + o.value()).orElse(""),
                                run.finishedAt() == null ? "" : "  " + Numbers.seconds(
                                        Duration.between(run.startedAt(), run.finishedAt()).toNanos()));
                        for (StepReport step : run.steps()) {
                            out.printf("      %-22s %-40s %s%n", step.name(), counts(step.counts()), Numbers.seconds(step.seconds()));
                        }
                        if (run.error() != null) {
                            out.println("      error: " + run.error());
                        }
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run a job now, through the same code path and under the same lock as the scheduled "
                    + "runs: when a run is already in progress (on any instance) it says so and exits 1. "
                    + "Idempotent: a second run the same day creates nothing."})
    static final class RunJob extends DatabaseCommand {

        @Parameters(index = "0", paramLabel = "JOB", description = "The job: daily.")
        String job;

        @Mixin
        OrganizationScope organization;

        @Option(names = "--instance", paramLabel = "NAME",
                description = "Who ran it, in the history (env ORCHESTRATOR_INSTANCE; default host:pid).")
        String instance;

        @Override
        public Integer call() {
            if (!RunDailyJob.NAME.equals(job)) {
                throw CliFailure.usage("JOB: unknown job '" + job + "'; the jobs are: " + RunDailyJob.NAME);
            }
            Env env = env();
            organization.scope(); // a malformed id is a usage error before anything opens
            SchedulerSettings settings = SchedulerSettings.of(JobOptions.dailyAt(env, null),
                    JobOptions.instance(env, instance));
            try (Database database = openMigratedDatabase()) {
                Optional<OrganizationId> scope = organization.scope(database);
                RunDailyJob.Outcome outcome = JobsWiring.jobs(database, database.orchestrator(), settings)
                        .runDailyJob().run(new RunDailyJob.Request(scope, settings.instance(), JobTrigger.MANUAL));
                if (outcome instanceof RunDailyJob.AlreadyRunning busy) {
                    throw CliFailure.failure("The daily job is already running"
                            + busy.running().map(r -> " on " + r.instance() + " (started " + time(r.startedAt()) + ")")
                                    .orElse(" elsewhere")
                            + "; not started a second time");
                }
                JobRun run = ((RunDailyJob.Ran) outcome).run();
                PrintWriter out = env.out();
                for (StepReport step : run.steps()) {
                    out.printf("  %-22s %-40s %s%n", step.name(), counts(step.counts()), Numbers.seconds(step.seconds()));
                }
                if (run.status() == JobStatus.FAILED) {
                    throw CliFailure.failure("The daily job failed: " + run.error() + " (run " + run.id() + ")");
                }
                out.printf("Daily job%s succeeded in %s (run %s).%n",
                        scope.map(o -> " of organization " + o.value()).orElse(""),
                        Numbers.seconds(Duration.between(run.startedAt(), run.finishedAt()).toNanos()), run.id());
            }
            return 0;
        }
    }

    private static String counts(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + Numbers.count(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
