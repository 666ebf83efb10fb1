package dev.orchestrator.core.domain.analytics;

import dev.orchestrator.core.domain.WireNamed;

/**
 * The facts every metric is counted from: one per event of the history (or per due date), each with
 * the instant it happened and, for some, a duration. {@link AnalyticsFacts} derives them in Java, the
 * PostgreSQL adapter in SQL; a randomized contract test holds the two equal.
 */
public enum AnalyticsFactKind implements WireNamed {
    /** A {@code create} event. */
    CREATED("created"),
    /** The execution's first {@code start} event (no {@code start} before it); duration: since its creation. */
    STARTED("started"),
    /** A {@code complete} event; duration: since the execution's creation. */
    COMPLETED("completed"),
    /** A {@code skip} event by a person, with its reason code; duration: the execution's age at the skip. */
    SKIPPED("skipped"),
    /** A {@code skip} event by the system (no actor: the daily job's auto-close); duration: the age at the skip. */
    AUTO_CLOSED("auto_closed"),
    /** A {@code snooze} event. */
    SNOOZED("snoozed"),
    /** An {@code escalate} event. */
    ESCALATED("escalated"),
    /**
     * An {@code acknowledge} event; duration: since the latest {@code escalate} event of the execution at
     * or before it (none, e.g. escalated before escalations were recorded: no duration).
     */
    ACKNOWLEDGED("acknowledged"),
    /**
     * An execution whose due date lies in the period and has passed, and that was not completed or
     * skipped by then; it happened at its due date.
     */
    OVERDUE("overdue");

    private final String wireName;

    AnalyticsFactKind(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static AnalyticsFactKind fromWireName(String name) {
        for (AnalyticsFactKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no fact kind " + name);
    }

    /**
     * The kinds whose facts carry a duration (an acknowledgement may lack one); the others are only
     * counted, so the SQL totals them without sorting them for percentiles.
     */
    public boolean timed() {
        return this == STARTED || this == COMPLETED || this == SKIPPED || this == AUTO_CLOSED || this == ACKNOWLEDGED;
    }

    /** The kinds that end an execution (what a completion rate and a rule's noise share are out of). */
    public boolean ends() {
        return this == COMPLETED || this == SKIPPED || this == AUTO_CLOSED;
    }
}
