package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.ViewAnalytics;
import dev.orchestrator.core.domain.analytics.AnalyticsGrouping;
import dev.orchestrator.core.domain.analytics.AnalyticsMetric;
import dev.orchestrator.core.domain.analytics.AnalyticsReport;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/orchestrator/analytics[?from=&to=&group_by=]}: the caller's scope's metrics over the
 * period, overall and by group, and each definition's rule quality, worst first. The checks of the
 * parameters are the core's (the CLI's {@code report} answers alike).
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
        Responses.json(ctx, 200, json(report));
    }

    /** The report as the API (and {@code orchestrator report --format json}) writes it. */
    static Map<String, Object> json(AnalyticsReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", report.period().from().toString());
        json.put("to", report.period().to().toString());
        json.put("group_by", report.grouping().map(AnalyticsGrouping::wireName).orElse(null));
        json.put("scope", report.scope());
        json.put("as_of", report.asOf().toString());
        json.put("total", line(report.total()));
        json.put("groups", report.groups().stream().map(AnalyticsHandler::line).toList());
        json.put("rule_quality", report.ruleQuality().stream().map(AnalyticsHandler::quality).toList());
        return json;
    }

    private static Map<String, Object> line(AnalyticsReport.Line line) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", line.key());
        json.put("label", line.label());
        for (AnalyticsMetric metric : AnalyticsMetric.values()) {
            json.put(metric.wireName(), line.metrics().get(metric));
        }
        json.put("skipped_by_reason", line.skippedByReason());
        return json;
    }

    private static Map<String, Object> quality(AnalyticsReport.RuleQuality quality) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("definition", Map.of("id", quality.definition().value().toString(), "name", quality.name()));
        json.put("ended", quality.ended());
        json.put("noisy", quality.noisy());
        json.put("noise_share", quality.noiseShare());
        json.put("noisy_age_median_seconds", quality.noisyAgeMedianSeconds());
        return json;
    }
}
