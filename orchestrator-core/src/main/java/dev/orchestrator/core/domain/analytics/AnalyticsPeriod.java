package dev.orchestrator.core.domain.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The days a report covers, {@code from} to {@code to}, both included, as UTC days: facts at or after
 * {@code from}'s midnight and before the midnight after {@code to}.
 */
public record AnalyticsPeriod(LocalDate from, LocalDate to) {

    /** The longest period a report covers (a year, leap day included): beyond it, ask twice. */
    public static final int MAX_DAYS = 366;
    /** The period when none is given: the 30 days up to today. */
    public static final int DEFAULT_DAYS = 30;

    public AnalyticsPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to is before from");
        }
        if (days(from, to) > MAX_DAYS) {
            throw new IllegalArgumentException("more than " + MAX_DAYS + " days");
        }
    }

    /** Days from {@code from} to {@code to}, both included. */
    public static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    public long days() {
        return days(from, to);
    }

    /** The first instant of the period. */
    public Instant start() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after the period. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start()) && at.isBefore(end());
    }
}
