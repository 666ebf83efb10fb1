package dev.orchestrator.benchmarks.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TodayOpensTest {

    private static TodayOpens.Open ready(double millis) {
        return new TodayOpens.Open(millis / 4, millis / 2, millis, millis / 10, millis / 5, 3);
    }

    @Test
    void percentilesAreByNearestRankSoEveryFigureIsAnOpenThatHappened() {
        List<TodayOpens.Open> opens = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            opens.add(ready(i * 10));
        }
        Collections.shuffle(opens, new Random(7));
        opens.add(0, ready(900)); // the first open, cold, is counted like the others
        TodayOpens all = new TodayOpens(opens);

        assertThat(all.first().ready()).isEqualTo(900);
        // 21 opens: p50 is the 11th smallest, p95 the 20th, max the 21st
        assertThat(all.percentile(TodayOpens.Open::ready, 50)).isEqualTo(110);
        assertThat(all.percentile(TodayOpens.Open::ready, 95)).isEqualTo(200);
        assertThat(all.max(TodayOpens.Open::ready)).isEqualTo(900);
        assertThat(all.percentile(TodayOpens.Open::ready, 1)).isEqualTo(10);
        assertThat(all.readyWithin(100)).isEqualTo(10);
        assertThat(all.readyWithin(1000)).isEqualTo(21);
    }

    @Test
    void aMissingResourceEntryIsLeftOutNotCountedAsZero() {
        TodayOpens all = new TodayOpens(List.of(new TodayOpens.Open(1, 2, 300, Double.NaN, 30, 3),
                new TodayOpens.Open(1, 2, 200, 40, 60, 3), new TodayOpens.Open(1, 2, 100, 20, 30, 3)));
        assertThat(all.percentile(TodayOpens.Open::todayServer, 50)).isEqualTo(20);
        assertThat(all.max(TodayOpens.Open::todayServer)).isEqualTo(40);
        assertThat(new TodayOpens(List.of(new TodayOpens.Open(1, 2, 3, Double.NaN, 0, 0)))
                .max(TodayOpens.Open::todayServer)).isNaN();
    }

    @Test
    void noOpensOrABadPercentIsAClearError() {
        assertThatThrownBy(() -> new TodayOpens(List.of())).hasMessageContaining("opens:");
        TodayOpens one = new TodayOpens(List.of(ready(5)));
        assertThatThrownBy(() -> one.percentile(TodayOpens.Open::ready, 0)).hasMessageContaining("percent:");
        assertThatThrownBy(() -> one.percentile(TodayOpens.Open::ready, 101)).hasMessageContaining("percent:");
        assertThat(one.percentile(TodayOpens.Open::ready, 95)).isEqualTo(5);
    }
}
