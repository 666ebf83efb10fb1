package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.domain.analytics.AnalyticsFacts;
import dev.orchestrator.core.domain.analytics.AnalyticsGrouping;
import dev.orchestrator.core.domain.analytics.AnalyticsPeriod;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.views.Visibility;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads the analytics totals of one organization from the event history. Implementations must give
 * exactly what {@link AnalyticsFacts#totals} gives over the organization's executions and events
 * (AnalyticsReadsContract), totals and noise in no particular order, in one set-based statement.
 */
public interface AnalyticsReads {

    /**
     * @param scope {@link Visibility.WholeOrganization} or {@link Visibility.AssignedTo} (others are refused)
     * @param asOf what has passed, for overdue work
     */
    AnalyticsFacts.Totals totals(OrganizationId organization, Visibility scope, AnalyticsPeriod period,
            Optional<AnalyticsGrouping> grouping, Instant asOf);
}
