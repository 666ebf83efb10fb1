package dev.orchestrator.scheduler;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/**
 * How this instance schedules the jobs.
 *
 * @param dailyAt         when the daily job is due, UTC (default 00:05); every instance should say the same
 *                        (the last one started wins)
 * @param instance        this instance's name in the scheduler's table and the run history (host:pid)
 * @param heartbeat       how often a running job proves its instance alive; a run whose instance missed
 *                        {@code missedHeartbeats} in a row is taken over by another instance
 * @param missedHeartbeats see {@code heartbeat}
 * @param polling         how often this instance looks for due jobs
 * @param retryAfter      when a run failed, or found another run holding the job's lock, how long until it
 *                        is tried again
 */
public record SchedulerSettings(LocalTime dailyAt, String instance, Duration heartbeat, int missedHeartbeats,
        Duration polling, Duration retryAfter) {

    public static final LocalTime DEFAULT_DAILY_AT = LocalTime.of(0, 5);
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);
    public static final int DEFAULT_MISSED_HEARTBEATS = 6;
    public static final Duration DEFAULT_POLLING = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofMinutes(5);

    public SchedulerSettings {
        Objects.requireNonNull(dailyAt, "dailyAt");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(polling, "polling");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (heartbeat.isNegative() || heartbeat.isZero() || polling.isNegative() || polling.isZero()
                || retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("heartbeat, polling and retryAfter must be positive");
        }
        if (missedHeartbeats < 1) {
            throw new IllegalArgumentException("missedHeartbeats must be at least 1");
        }
    }

    /** The defaults, with the daily time and the instance name given. */
    public static SchedulerSettings of(LocalTime dailyAt, String instance) {
        return new SchedulerSettings(dailyAt, instance, DEFAULT_HEARTBEAT, DEFAULT_MISSED_HEARTBEATS,
                DEFAULT_POLLING, DEFAULT_RETRY_AFTER);
    }

    public SchedulerSettings withTimings(Duration heartbeat, int missedHeartbeats, Duration polling,
            Duration retryAfter) {
        return new SchedulerSettings(dailyAt, instance, heartbeat, missedHeartbeats, polling, retryAfter);
    }

    /** The daily schedule in words, as the jobs list shows it. */
    public String dailyDescription() {
        return "daily at " + dailyAt + " UTC";
    }

    /** How long a run can go without a heartbeat before another instance takes it over. */
    public Duration deadAfter() {
        return heartbeat.multipliedBy(missedHeartbeats);
    }
}
