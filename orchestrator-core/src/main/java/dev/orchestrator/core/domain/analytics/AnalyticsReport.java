package dev.orchestrator.core.domain.analytics;

import dev.orchestrator.core.domain.ids.DefinitionId;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A report: the metrics of the whole scope ({@code total}), of each group when grouped, and the rule
 * quality of each definition that ended work in the period, worst first.
 *
 * @param scope who the numbers cover, in words ("the organization", "your team", "you")
 */
public record AnalyticsReport(AnalyticsPeriod period, Optional<AnalyticsGrouping> grouping, Instant asOf,
        String scope, Line total, List<Line> groups, List<RuleQuality> ruleQuality) {

    public AnalyticsReport {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(grouping, "grouping");
        groups = List.copyOf(groups);
        ruleQuality = List.copyOf(ruleQuality);
    }

    /**
     * One line: the group's key (see {@link AnalyticsGrouping}; "total" for the whole scope), what to call
     * it, every metric (in {@link AnalyticsMetric} order) and the skips by reason code ("none": skipped
     * before reason codes existed).
     */
    public record Line(String key, String label, Map<AnalyticsMetric, Number> metrics, Map<String, Long> skippedByReason) {
        public Line {
            metrics = java.util.Collections.unmodifiableMap(new EnumMap<>(metrics));
            skippedByReason = java.util.Collections.unmodifiableMap(new TreeMap<>(skippedByReason));
        }
    }

    /**
     * A definition's rule quality: of the work it ended in the period, how much was noise (auto-closed or
     * skipped as not relevant), and how old that work was when it was closed.
     */
    public record RuleQuality(DefinitionId definition, String name, long ended, long noisy, double noiseShare,
            Long noisyAgeMedianSeconds) {
    }

    /** A group's totals, by kind. */
    public record Tally(Map<AnalyticsFactKind, Long> counts, Map<AnalyticsFactKind, Long> medians,
            Map<AnalyticsFactKind, Long> p90s, Map<String, Long> skippedByReason) {

        public long count(AnalyticsFactKind kind) {
            return counts.getOrDefault(kind, 0L);
        }

        public Long median(AnalyticsFactKind kind) {
            return medians.get(kind);
        }

        public Long p90(AnalyticsFactKind kind) {
            return p90s.get(kind);
        }

        /** The tally of one group's totals. Percentiles of skips are per reason code, so none is kept for them. */
        static Tally of(List<AnalyticsFacts.Total> totals) {
            Map<AnalyticsFactKind, Long> counts = new EnumMap<>(AnalyticsFactKind.class);
            Map<AnalyticsFactKind, Long> medians = new EnumMap<>(AnalyticsFactKind.class);
            Map<AnalyticsFactKind, Long> p90s = new EnumMap<>(AnalyticsFactKind.class);
            Map<String, Long> byReason = new TreeMap<>();
            for (AnalyticsFacts.Total t : totals) {
                counts.merge(t.kind(), t.count(), Long::sum);
                if (t.kind() == AnalyticsFactKind.SKIPPED) {
                    byReason.merge(t.code() == null ? "none" : t.code(), t.count(), Long::sum);
                } else {
                    if (t.median() != null) {
                        medians.put(t.kind(), t.median());
                    }
                    if (t.p90() != null) {
                        p90s.put(t.kind(), t.p90());
                    }
                }
            }
            return new Tally(counts, medians, p90s, byReason);
        }
    }

    /** Worst first: the larger noise share, then more noise, then by name. */
    public static final Comparator<RuleQuality> WORST_FIRST = Comparator.comparingDouble(RuleQuality::noiseShare)
            .reversed().thenComparing(Comparator.comparingLong(RuleQuality::noisy).reversed())
            .thenComparing(RuleQuality::name).thenComparing(r -> r.definition().value());

    /**
     * The report of a store's totals. {@code labelOf} names a group key (a CSM's or a definition's name;
     * the key itself when unknown); groups are listed by key (weeks in order, types by name), which
     * {@code order} may replace with the label for people and definitions.
     */
    public static AnalyticsReport of(AnalyticsFacts.Totals totals, AnalyticsPeriod period,
            Optional<AnalyticsGrouping> grouping, Instant asOf, String scope, Function<String, String> labelOf,
            Function<DefinitionId, String> definitionName) {
        Map<Optional<String>, List<AnalyticsFacts.Total>> byGroup = totals.totals().stream()
                .collect(Collectors.groupingBy(AnalyticsFacts.Total::group, LinkedHashMap::new, Collectors.toList()));
        Line total = line("total", "total", byGroup.getOrDefault(Optional.empty(), List.of()));
        boolean byLabel = grouping.map(g -> g == AnalyticsGrouping.CSM || g == AnalyticsGrouping.DEFINITION)
                .orElse(false);
        Comparator<Line> order = byLabel ? Comparator.comparing(Line::label).thenComparing(Line::key)
                : Comparator.comparing(Line::key);
        List<Line> groups = byGroup.entrySet().stream().filter(e -> e.getKey().isPresent())
                .map(e -> line(e.getKey().get(), labelOf.apply(e.getKey().get()), e.getValue()))
                .sorted(order).toList();
        List<RuleQuality> quality = totals.noise().stream().filter(n -> n.ended() > 0)
                .map(n -> new RuleQuality(n.definition(), definitionName.apply(n.definition()), n.ended(), n.noisy(),
                        AnalyticsMetric.ratio(n.noisy(), n.ended()), n.noisyAgeMedian()))
                .sorted(WORST_FIRST).toList();
        return new AnalyticsReport(period, grouping, asOf, scope, total, groups, quality);
    }

    private static Line line(String key, String label, List<AnalyticsFacts.Total> totals) {
        Tally tally = Tally.of(totals);
        Map<AnalyticsMetric, Number> metrics = new EnumMap<>(AnalyticsMetric.class);
        for (AnalyticsMetric metric : AnalyticsMetric.values()) {
            Number value = metric.valueOf(tally);
            if (value != null) {
                metrics.put(metric, value);
            }
        }
        return new Line(key, label, metrics, tally.skippedByReason());
    }
}
