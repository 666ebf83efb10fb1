package dev.orchestrator.core.domain.analytics;

import dev.orchestrator.core.domain.WireNamed;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Optional;

/**
 * How a report splits its numbers ({@code group_by}). Each fact belongs to the group of its execution
 * as the execution is now (work moved to another CSM counts for the CSM who has it now), except
 * {@link #WEEK}, which is the UTC week (starting Monday) in which the fact happened.
 */
public enum AnalyticsGrouping implements WireNamed {
    /** The execution's assigned CSM; the key is the profile id. */
    CSM("csm"),
    /** The execution's workflow definition; the key is the definition id. */
    DEFINITION("definition"),
    /** The definition's workflow type; the key is the type's wire name. */
    WORKFLOW_TYPE("workflow_type"),
    /** The week the fact happened in; the key is its Monday, {@code YYYY-MM-DD} (UTC). */
    WEEK("week");

    private final String wireName;

    AnalyticsGrouping(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<AnalyticsGrouping> fromWireName(String name) {
        return Arrays.stream(values()).filter(g -> g.wireName.equals(name)).findFirst();
    }

    /** The wire names, for error messages: {@code csm, definition, workflow_type, week}. */
    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(AnalyticsGrouping::wireName).toList());
    }

    /** The key of a fact of {@code history} that happened {@code at}. */
    public String keyOf(AnalyticsFacts.History history, Instant at) {
        return switch (this) {
            case CSM -> history.execution().assignedCsmId().value().toString();
            case DEFINITION -> history.execution().definitionId().value().toString();
            case WORKFLOW_TYPE -> history.type().wireName();
            case WEEK -> weekOf(at);
        };
    }

    /** The Monday (UTC) of the week {@code at} lies in, as {@code YYYY-MM-DD}. */
    public static String weekOf(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString();
    }
}
