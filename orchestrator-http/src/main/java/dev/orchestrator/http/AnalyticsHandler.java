package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.ViewAnalytics;
import dev.orchestrator.core.domain.analytics.AnalyticsReport;
import dev.orchestrator.core.domain.analytics.AnalyticsWire;
import io.javalin.http.Context;

/**
 * {@code GET /api/orchestrator/analytics[?from=&to=&group_by=]}: the caller's scope's metrics over the
 * period, overall and by group, and each definition's rule quality, worst first. The parameters' checks
 * and the JSON's shape are the core's (the CLI's {@code report} answers alike).
 */
final class AnalyticsHandler {

    private final ViewAnalytics analytics;

    AnalyticsHandler(ViewAnalytics analytics) {
        this.analytics = analytics;
    }

    void analytics(Context ctx) {
        QueryParameters.only(ctx, "from", "to", "group_by");
        ViewAnalytics.Request request = new ViewAnalytics.Request(QueryParameters.text(ctx, "from"),
                QueryParameters.text(ctx, "to"), QueryParameters.text(ctx, "group_by"));
        AnalyticsReport report = Responses.valueOf(analytics.report(Authentication.caller(ctx), request));
        Responses.json(ctx, 200, AnalyticsWire.write(report));
    }
}
