package dev.orchestrator.cli;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.ViewAnalytics;
import dev.orchestrator.core.domain.analytics.AnalyticsMetric;
import dev.orchestrator.core.domain.analytics.AnalyticsReport;
import dev.orchestrator.core.domain.analytics.AnalyticsWire;
import dev.orchestrator.core.domain.ids.ProfileId;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Analytics from the event history, as GET /api/orchestrator/analytics computes them "
                + "(docs/analytics.md defines each metric): created, completed, skipped, auto-closed, snoozed, "
                + "completion rate, median and p90 time to start and to complete, snoozes per completed item, "
                + "escalations and median time to acknowledge, overdue; and each definition's noise (skipped as "
                + "not relevant or auto-closed), worst first. For --organization, or as --profile would see it "
                + "(an admin the organization, a manager their team, a CSM their own work)."})
final class ReportCommand extends DatabaseCommand {

    @Option(names = "--profile", paramLabel = "ID", description = "Report what this profile sees.")
    String profile;

    @Option(names = "--from", paramLabel = "DATE", description = "First day, YYYY-MM-DD (UTC); default: 29 days before --to.")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day, included, YYYY-MM-DD (UTC); default: today.")
    String to;

    @Option(names = "--group-by", paramLabel = "GROUP",
            description = "csm, definition, workflow_type or week; default: only the total.")
    String groupBy;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), csv or json (the API's document, rule quality included).")
    String format;

    @Option(names = "--rule-quality", description = "Print the rule-quality ranking instead of the metrics (table, csv).")
    boolean ruleQuality;

    @Mixin
    OrganizationScope organization;

    @Override
    public Integer call() {
        if (!List.of("table", "csv", "json").contains(format)) {
            throw CliFailure.usage("--format: must be table, csv or json, not '" + format + "'");
        }
        Optional<ProfileId> as = Optional.ofNullable(profile).map(p -> ProfileId.of(UuidOptions.parse("--profile", p)));
        if (as.isEmpty() && organization.scope().isEmpty()) {
            throw CliFailure.usage("give --organization ID (all of its work) or --profile ID (what they see)");
        }
        try (Database database = openMigratedDatabase()) {
            Result<AnalyticsReport> result = database.orchestrator().viewAnalytics().operatorReport(
                    organization.scope(database), as, new ViewAnalytics.Request(Optional.ofNullable(from),
                            Optional.ofNullable(to), Optional.ofNullable(groupBy)));
            if (result instanceof Result.Err<AnalyticsReport> err) {
                if (err.failure() instanceof Failure.Invalid invalid) {
                    throw CliFailure.usage(invalid.errors().stream().map(e -> "--" + e.field().replace('_', '-')
                            + ": " + e.message()).collect(Collectors.joining("; ")));
                }
                throw CliFailure.failure("No report: " + err.failure().message());
            }
            AnalyticsReport report = result.orElseThrow();
            PrintWriter out = env().out();
            switch (format) {
                case "json" -> out.println(PolicyCommand.json(AnalyticsWire.write(report)));
                case "csv" -> {
                    if (ruleQuality) {
                        qualityCsv(out, report);
                    } else {
                        metricsCsv(out, report);
                    }
                }
                default -> {
                    if (ruleQuality) {
                        qualityTable(out, report);
                    } else {
                        metricsTable(out, report);
                    }
                }
            }
        }
        return 0;
    }

    private static List<AnalyticsReport.Line> lines(AnalyticsReport report) {
        List<AnalyticsReport.Line> lines = new ArrayList<>(report.groups());
        lines.add(report.total());
        return lines;
    }

    private static void metricsTable(PrintWriter out, AnalyticsReport report) {
        out.printf("%s, %s to %s%s%n", report.scope(), report.period().from(), report.period().to(),
                report.grouping().map(g -> ", by " + g.wireName()).orElse(""));
        String format = "%-24s %7s %7s %7s %7s %7s %6s %7s %7s %7s %7s %6s %6s %7s %7s%n";
        out.printf(format, "group", "created", "done", "skipped", "autoclo", "snoozed", "rate", "start50", "start90",
                "done50", "done90", "snz/dn", "escal", "ack50", "overdue");
        for (AnalyticsReport.Line line : lines(report)) {
            Map<AnalyticsMetric, Number> m = line.metrics();
            out.printf(format, clip(line.label()), m.get(AnalyticsMetric.CREATED), m.get(AnalyticsMetric.COMPLETED),
                    m.get(AnalyticsMetric.SKIPPED), m.get(AnalyticsMetric.AUTO_CLOSED), m.get(AnalyticsMetric.SNOOZED),
                    percent(m.get(AnalyticsMetric.COMPLETION_RATE)), Durations.brief(m.get(AnalyticsMetric.TIME_TO_START_MEDIAN)),
                    Durations.brief(m.get(AnalyticsMetric.TIME_TO_START_P90)),
                    Durations.brief(m.get(AnalyticsMetric.TIME_TO_COMPLETE_MEDIAN)),
                    Durations.brief(m.get(AnalyticsMetric.TIME_TO_COMPLETE_P90)),
                    decimal(m.get(AnalyticsMetric.SNOOZES_PER_COMPLETED)), m.get(AnalyticsMetric.ESCALATIONS),
                    Durations.brief(m.get(AnalyticsMetric.TIME_TO_ACKNOWLEDGE_MEDIAN)), m.get(AnalyticsMetric.OVERDUE));
        }
        if (!report.total().skippedByReason().isEmpty()) {
            out.println("skipped by reason: " + report.total().skippedByReason().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        }
    }

    private static void metricsCsv(PrintWriter out, AnalyticsReport report) {
        List<String> header = new ArrayList<>(List.of("key", "label"));
        for (AnalyticsMetric metric : AnalyticsMetric.values()) {
            header.add(metric.wireName());
        }
        header.add("skipped_by_reason");
        out.println(String.join(",", header));
        for (AnalyticsReport.Line line : lines(report)) {
            List<String> cells = new ArrayList<>(List.of(csv(line.key()), csv(line.label())));
            for (AnalyticsMetric metric : AnalyticsMetric.values()) {
                Number value = line.metrics().get(metric);
                cells.add(value == null ? "" : value.toString());
            }
            cells.add(csv(line.skippedByReason().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(";"))));
            out.println(String.join(",", cells));
        }
    }

    private static void qualityTable(PrintWriter out, AnalyticsReport report) {
        out.printf("Rule quality, %s, %s to %s, worst first%n", report.scope(), report.period().from(),
                report.period().to());
        String format = "%-32s %7s %7s %7s %9s%n";
        out.printf(format, "definition", "ended", "noisy", "noise", "age_at_skip");
        for (AnalyticsReport.RuleQuality q : report.ruleQuality()) {
            out.printf(format, clip(q.name()), q.ended(), q.noisy(), percent(q.noiseShare()),
                    Durations.brief(q.noisyAgeMedianSeconds()));
        }
    }

    private static void qualityCsv(PrintWriter out, AnalyticsReport report) {
        out.println("definition_id,definition,ended,noisy,noise_share,noisy_age_median_seconds");
        for (AnalyticsReport.RuleQuality q : report.ruleQuality()) {
            out.println(String.join(",", q.definition().value().toString(), csv(q.name()), String.valueOf(q.ended()),
                    String.valueOf(q.noisy()), String.valueOf(q.noiseShare()),
                    q.noisyAgeMedianSeconds() == null ? "" : q.noisyAgeMedianSeconds().toString()));
        }
    }

    /** A CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break. */
    static String csv(String text) {
        return text.matches(".*[,\"\\r\\n].*") || text.contains("\n") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static String percent(Number ratio) {
        return ratio == null ? "-" : Math.round(ratio.doubleValue() * 100) + "%";
    }

    private static String decimal(Number value) {
        return value == null ? "-" : String.format(java.util.Locale.ROOT, "%.2f", value.doubleValue());
    }

    private static String clip(String name) {
        return name.length() <= 24 ? name : name.substring(0, 23) + "…";
    }
}
