package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.analytics.AnalyticsReport;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import java.util.Objects;
import java.util.Optional;

/**
 * Analytics that judge the work and the rules that create it: created, completed, skipped (by reason),
 * auto-closed, snoozed, times to start, complete and acknowledge, overdue work, and each definition's
 * noise. Admins see the organization, managers their team (their own work and their reports'), CSMs
 * their own; integrations are forbidden.
 */
public interface ViewAnalytics {

    /**
     * The request as given ({@code from}, {@code to}: dates {@code YYYY-MM-DD}, UTC days, both included;
     * {@code groupBy}: an {@code AnalyticsGrouping} wire name). Each is optional: {@code to} defaults to
     * today, {@code from} to 29 days before {@code to}; no {@code groupBy}, only the total.
     */
    record Request(Optional<String> from, Optional<String> to, Optional<String> groupBy) {
        public Request {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(groupBy, "groupBy");
        }
    }

    Result<AnalyticsReport> report(Profile caller, Request request);

    /**
     * For operators (the CLI), with the database's authority: as {@code profile} would see it if given
     * (within {@code organization} if that is given too), else the whole of {@code organization}.
     */
    Result<AnalyticsReport> operatorReport(Optional<OrganizationId> organization, Optional<ProfileId> profile,
            Request request);
}
