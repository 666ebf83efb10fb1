package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The access log's duration, formatted without String.format, prints and parses exactly as {@code %.1f} did. */
class AccessLogDurationTest {

    @Test
    void the_printed_and_the_structured_duration_are_what_format_and_parse_gave() {
        SplittableRandom random = new SplittableRandom(16);
        for (int i = 0; i < 200_000; i++) {
            // every half-way point and its neighbours in the first seconds, then random lengths up to an hour
            long nanos = i < 100_000 ? i * 50_000L + random.nextInt(-2, 3) : random.nextLong(3_600_000_000_000L);
            nanos = Math.max(0, nanos);
            String printed = String.format(Locale.ROOT, "%.1f", nanos / 1e6);
            long tenths = AccessLog.tenthsOfMillis(Duration.ofNanos(nanos));
            assertThat(AccessLog.millis(tenths)).as("%d ns", nanos).isEqualTo(printed);
            assertThat(tenths / 10.0).as("%d ns", nanos).isEqualTo(Double.parseDouble(printed));
        }
    }
}
