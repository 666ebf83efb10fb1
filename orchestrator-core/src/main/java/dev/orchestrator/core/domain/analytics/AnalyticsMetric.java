package dev.orchestrator.core.domain.analytics;

import dev.orchestrator.core.domain.WireNamed;
import java.util.Arrays;
import java.util.Optional;

/**
 * The metric vocabulary of a report: each metric once, with its definition in words (docs/analytics.md
 * says the same for a CS manager) and how it follows from the totals of {@link AnalyticsFacts}. Counts
 * and durations are the stores' (the same in Java and SQL); ratios are computed here from those counts.
 */
public enum AnalyticsMetric implements WireNamed {
    CREATED("created", Unit.COUNT, "work items created in the period, by signals, import, the demo or by hand"),
    COMPLETED("completed", Unit.COUNT, "work items completed in the period"),
    SKIPPED("skipped", Unit.COUNT, "work items a person skipped in the period, whatever the reason code"),
    AUTO_CLOSED("auto_closed", Unit.COUNT,
            "work items the daily job skipped in the period because the condition that created them had cleared"),
    SNOOZED("snoozed", Unit.COUNT, "snoozes in the period (an item snoozed twice counts twice)"),
    COMPLETION_RATE("completion_rate", Unit.RATIO,
            "of the work items that ended in the period, the share completed (rather than skipped or auto-closed)"),
    TIME_TO_START_MEDIAN("time_to_start_median_seconds", Unit.SECONDS,
            "median time from creation to the first start, over the items first started in the period"),
    TIME_TO_START_P90("time_to_start_p90_seconds", Unit.SECONDS,
            "the time from creation to first start that 90% of the items first started in the period stayed within"),
    TIME_TO_COMPLETE_MEDIAN("time_to_complete_median_seconds", Unit.SECONDS,
            "median time from creation to completion, over the items completed in the period"),
    TIME_TO_COMPLETE_P90("time_to_complete_p90_seconds", Unit.SECONDS,
            "the time from creation to completion that 90% of the items completed in the period stayed within"),
    SNOOZES_PER_COMPLETED("snoozes_per_completed", Unit.RATIO,
            "snoozes in the period for each item completed in the period"),
    ESCALATIONS("escalations", Unit.COUNT, "escalations in the period (escalating again counts again)"),
    TIME_TO_ACKNOWLEDGE_MEDIAN("time_to_acknowledge_median_seconds", Unit.SECONDS,
            "median time from an escalation to its acknowledgement, over the acknowledgements in the period"),
    OVERDUE("overdue", Unit.COUNT,
            "work items due in the period, whose due date has passed, that were not completed or skipped by then");

    /** What a metric's number is. */
    public enum Unit {
        COUNT, RATIO, SECONDS
    }

    private final String wireName;
    private final Unit unit;
    private final String definition;

    AnalyticsMetric(String wireName, Unit unit, String definition) {
        this.wireName = wireName;
        this.unit = unit;
        this.definition = definition;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public Unit unit() {
        return unit;
    }

    /** The metric in words. */
    public String definition() {
        return definition;
    }

    public static Optional<AnalyticsMetric> fromWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }

    /** This metric's value for one group's totals: a {@code Long} or a {@code Double}, or null when undefined. */
    public Number valueOf(AnalyticsReport.Tally tally) {
        long completed = tally.count(AnalyticsFactKind.COMPLETED);
        long ended = completed + tally.count(AnalyticsFactKind.SKIPPED) + tally.count(AnalyticsFactKind.AUTO_CLOSED);
        return switch (this) {
            case CREATED -> tally.count(AnalyticsFactKind.CREATED);
            case COMPLETED -> completed;
            case SKIPPED -> tally.count(AnalyticsFactKind.SKIPPED);
            case AUTO_CLOSED -> tally.count(AnalyticsFactKind.AUTO_CLOSED);
            case SNOOZED -> tally.count(AnalyticsFactKind.SNOOZED);
            case COMPLETION_RATE -> ratio(completed, ended);
            case TIME_TO_START_MEDIAN -> tally.median(AnalyticsFactKind.STARTED);
            case TIME_TO_START_P90 -> tally.p90(AnalyticsFactKind.STARTED);
            case TIME_TO_COMPLETE_MEDIAN -> tally.median(AnalyticsFactKind.COMPLETED);
            case TIME_TO_COMPLETE_P90 -> tally.p90(AnalyticsFactKind.COMPLETED);
            case SNOOZES_PER_COMPLETED -> ratio(tally.count(AnalyticsFactKind.SNOOZED), completed);
            case ESCALATIONS -> tally.count(AnalyticsFactKind.ESCALATED);
            case TIME_TO_ACKNOWLEDGE_MEDIAN -> tally.median(AnalyticsFactKind.ACKNOWLEDGED);
            case OVERDUE -> tally.count(AnalyticsFactKind.OVERDUE);
        };
    }

    /** {@code part / whole}, rounded to 4 decimals; null when {@code whole} is 0. */
    public static Double ratio(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }
}
