package dev.orchestrator.core.domain.analytics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A report as plain maps and lists, in the one shape the API and {@code orchestrator report --format json}
 * write (openapi.json's AnalyticsReport): every metric of {@link AnalyticsMetric} on every line, null when
 * it is undefined for the line.
 */
public final class AnalyticsWire {

    private AnalyticsWire() {
    }

    public static Map<String, Object> write(AnalyticsReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", report.period().from().toString());
        json.put("to", report.period().to().toString());
        json.put("group_by", report.grouping().map(AnalyticsGrouping::wireName).orElse(null));
        json.put("scope", report.scope());
        json.put("as_of", report.asOf().toString());
        json.put("total", line(report.total()));
        json.put("groups", report.groups().stream().map(AnalyticsWire::line).toList());
        json.put("rule_quality", report.ruleQuality().stream().map(AnalyticsWire::quality).toList());
        return json;
    }

    public static Map<String, Object> line(AnalyticsReport.Line line) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", line.key());
        json.put("label", line.label());
        for (AnalyticsMetric metric : AnalyticsMetric.values()) {
            json.put(metric.wireName(), line.metrics().get(metric));
        }
        json.put("skipped_by_reason", line.skippedByReason());
        return json;
    }

    public static Map<String, Object> quality(AnalyticsReport.RuleQuality quality) {
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("id", quality.definition().value().toString());
        definition.put("name", quality.name());
        json.put("definition", definition);
        json.put("ended", quality.ended());
        json.put("noisy", quality.noisy());
        json.put("noise_share", quality.noiseShare());
        json.put("noisy_age_median_seconds", quality.noisyAgeMedianSeconds());
        return json;
    }
}
