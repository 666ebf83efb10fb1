package dev.orchestrator.cli;

import dev.orchestrator.scheduler.SchedulerSettings;
import java.net.InetAddress;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The options of the jobs {@code serve} runs: when the daily job is due, whether this instance runs jobs, timings. */
final class JobOptions {

    static final String DAILY_AT_VARIABLE = "ORCHESTRATOR_DAILY_AT";
    static final String JOBS_VARIABLE = "ORCHESTRATOR_JOBS";
    static final String INSTANCE_VARIABLE = "ORCHESTRATOR_INSTANCE";
    static final String HEARTBEAT_VARIABLE = "ORCHESTRATOR_JOBS_HEARTBEAT";
    static final String POLL_VARIABLE = "ORCHESTRATOR_JOBS_POLL";
    static final String RETRY_VARIABLE = "ORCHESTRATOR_JOBS_RETRY";

    private static final Pattern HH_MM = Pattern.compile("(\\d{2}):(\\d{2})");

    @Option(names = "--daily-at", paramLabel = "HH:MM",
            description = "When the daily job (interpret signals, then recompute priorities) is due, UTC "
                    + "(env ORCHESTRATOR_DAILY_AT; default 00:05). Give every instance the same time.")
    String dailyAt;

    @Option(names = "--no-jobs",
            description = "This instance runs no jobs (env ORCHESTRATOR_JOBS=off); other instances still do.")
    boolean noJobs;

    @Option(names = "--instance", paramLabel = "NAME",
            description = "This instance's name in the job history (env ORCHESTRATOR_INSTANCE; default host:pid).")
    String instance;

    @Option(names = "--jobs-heartbeat", paramLabel = "DURATION",
            description = "How often a running job proves its instance alive (env ORCHESTRATOR_JOBS_HEARTBEAT; "
                    + "default 30s); after 6 missed heartbeats another instance takes the run over.")
    String heartbeat;

    @Option(names = "--jobs-poll", paramLabel = "DURATION",
            description = "How often this instance looks for due jobs (env ORCHESTRATOR_JOBS_POLL; default 10s).")
    String poll;

    @Option(names = "--jobs-retry", paramLabel = "DURATION",
            description = "When a scheduled run failed or found a run in progress, how long until it is tried "
                    + "again (env ORCHESTRATOR_JOBS_RETRY; default 5m).")
    String retry;

    /** What serve does about jobs: run them or not, and how. */
    record Resolved(boolean enabled, SchedulerSettings settings) {
    }

    /** Validates every job option (a bad one is a usage error naming it), before anything starts. */
    Resolved resolve(Env env) {
        boolean enabled = !noJobs && jobsOn(env);
        SchedulerSettings settings = SchedulerSettings.of(dailyAt(env, dailyAt), instance(env, instance))
                .withTimings(
                        positive(env, "--jobs-heartbeat", heartbeat, HEARTBEAT_VARIABLE, SchedulerSettings.DEFAULT_HEARTBEAT),
                        SchedulerSettings.DEFAULT_MISSED_HEARTBEATS,
                        positive(env, "--jobs-poll", poll, POLL_VARIABLE, SchedulerSettings.DEFAULT_POLLING),
                        positive(env, "--jobs-retry", retry, RETRY_VARIABLE, SchedulerSettings.DEFAULT_RETRY_AFTER));
        return new Resolved(enabled, settings);
    }

    private static boolean jobsOn(Env env) {
        String value = env.variable(JOBS_VARIABLE);
        if (value == null) {
            return true;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw CliFailure.usage(JOBS_VARIABLE + ": must be on or off, got '" + value + "'");
        };
    }

    /** The daily time from {@code flag}, else ORCHESTRATOR_DAILY_AT, else 00:05. */
    static LocalTime dailyAt(Env env, String flag) {
        String text = env.flagOrVariable(flag, DAILY_AT_VARIABLE);
        if (text == null) {
            return SchedulerSettings.DEFAULT_DAILY_AT;
        }
        Matcher m = HH_MM.matcher(text.strip());
        if (!m.matches() || Integer.parseInt(m.group(1)) > 23 || Integer.parseInt(m.group(2)) > 59) {
            throw CliFailure.usage("--daily-at (" + DAILY_AT_VARIABLE + "): must be a UTC time of day HH:MM from "
                    + "00:00 to 23:59, got '" + text + "'");
        }
        return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The instance name from {@code flag}, else ORCHESTRATOR_INSTANCE, else host:pid. */
    static String instance(Env env, String flag) {
        String name = env.flagOrVariable(flag, INSTANCE_VARIABLE);
        if (name != null) {
            if (name.strip().length() > 200) {
                throw CliFailure.usage("--instance (" + INSTANCE_VARIABLE + "): at most 200 characters");
            }
            return name.strip();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    private static Duration positive(Env env, String option, String flag, String variable, Duration fallback) {
        String text = env.flagOrVariable(flag, variable);
        if (text == null) {
            return fallback;
        }
        String source = option + " (" + variable + ")";
        Duration value = Durations.parse(source, text);
        if (value.isNegative() || value.isZero()) {
            throw CliFailure.usage(source + ": must be longer than zero, got '" + text + "'");
        }
        return value;
    }
}
