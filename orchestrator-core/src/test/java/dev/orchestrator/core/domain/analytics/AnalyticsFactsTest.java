package dev.orchestrator.core.domain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrator.core.domain.ids.DefinitionId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The small rules under the metrics: percentiles, weeks, periods, ratios and the worst-first order. */
class AnalyticsFactsTest {

    @Test
    void aPercentileIsTheFirstValueAtOrPastTheFraction() {
        assertThat(AnalyticsFacts.percentile(List.of(), 0.5)).isNull();
        assertThat(AnalyticsFacts.percentile(List.of(7L), 0.9)).isEqualTo(7L);
        assertThat(AnalyticsFacts.percentile(List.of(4L, 1L, 3L, 2L), 0.5)).as("the lower middle").isEqualTo(2L);
        assertThat(AnalyticsFacts.percentile(List.of(5L, 1L, 3L), 0.5)).isEqualTo(3L);
        List<Long> ten = LongStream.rangeClosed(1, 10).boxed().toList();
        assertThat(AnalyticsFacts.percentile(ten, 0.9)).isEqualTo(9L);
        // what PostgreSQL's percentile_disc(0.9) gives over 1..30 and 1..70
        assertThat(AnalyticsFacts.percentile(LongStream.rangeClosed(1, 30).boxed().toList(), 0.9)).isEqualTo(27L);
        assertThat(AnalyticsFacts.percentile(LongStream.rangeClosed(1, 70).boxed().toList(), 0.9)).isEqualTo(63L);
    }

    @Test
    void aWeekIsKeyedByItsMondayInUtc() {
        assertThat(AnalyticsGrouping.weekOf(Instant.parse("2026-03-08T23:59:59Z"))).as("a Sunday").isEqualTo("2026-03-02");
        assertThat(AnalyticsGrouping.weekOf(Instant.parse("2026-03-09T00:00:00Z"))).as("a Monday").isEqualTo("2026-03-09");
    }

    @Test
    void aPeriodIsWholeUtcDaysBothIncludedAtMost366() {
        AnalyticsPeriod day = new AnalyticsPeriod(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 2));
        assertThat(day.contains(Instant.parse("2026-03-02T00:00:00Z"))).isTrue();
        assertThat(day.contains(Instant.parse("2026-03-03T00:00:00Z"))).isFalse();
        assertThat(new AnalyticsPeriod(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)).days()).isEqualTo(366);
        assertThatThrownBy(() -> new AnalyticsPeriod(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ratiosAreRoundedAndUndefinedOutOfNothing() {
        assertThat(AnalyticsMetric.ratio(1, 3)).isEqualTo(0.3333);
        assertThat(AnalyticsMetric.ratio(0, 0)).isNull();
    }

    @Test
    void ruleQualityIsRankedWorstFirst() {
        List<AnalyticsReport.RuleQuality> lines = new ArrayList<>(List.of(
                quality("calm", 10, 1), quality("noisy", 10, 8), quality("loud", 20, 16), quality("a tie", 5, 4)));
        AnalyticsReport report = AnalyticsReport.of(new AnalyticsFacts.Totals(List.of(), lines.stream()
                        .map(q -> new AnalyticsFacts.Noise(q.definition(), q.ended(), q.noisy(), null)).toList()),
                new AnalyticsPeriod(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2)), Optional.empty(),
                Instant.EPOCH, "the organization", key -> key,
                id -> lines.stream().filter(q -> q.definition().equals(id)).findFirst().orElseThrow().name());
        assertThat(report.ruleQuality()).extracting(AnalyticsReport.RuleQuality::name)
                .as("0.8 with more noise first, then 0.8 by name, then 0.1").containsExactly("loud", "noisy", "a tie", "calm");
        assertThat(report.total().metrics()).as("nothing happened: counts are 0, ratios and times undefined")
                .containsEntry(AnalyticsMetric.CREATED, 0L).doesNotContainKey(AnalyticsMetric.COMPLETION_RATE)
                .doesNotContainKey(AnalyticsMetric.TIME_TO_START_MEDIAN);
    }

    private static AnalyticsReport.RuleQuality quality(String name, long ended, long noisy) {
        return new AnalyticsReport.RuleQuality(DefinitionId.of(UUID.nameUUIDFromBytes(name.getBytes())), name, ended,
                noisy, AnalyticsMetric.ratio(noisy, ended), null);
    }
}
