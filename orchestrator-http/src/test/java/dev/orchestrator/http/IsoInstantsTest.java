package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link IsoInstants#text} writes exactly what {@link Instant#toString} writes. */
class IsoInstantsTest {

    @Test
    void randomInstantsReadAsTheJdkWritesThem() {
        Random random = new Random(2026);
        for (int i = 0; i < 200_000; i++) {
            long seconds = switch (random.nextInt(3)) {
                // around now, the years the answers hold
                case 0 -> 1_700_000_000L + random.nextInt(200_000_000);
                // anywhere in years 0000-9999 and a little beyond (left to the JDK)
                case 1 -> -62_167_219_200L - 1_000 + (long) (random.nextDouble() * (253_402_300_800L + 62_167_221_200L));
                default -> random.nextLong() % 400_000_000_000L;
            };
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(IsoInstants.text(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void edgesReadAsTheJdkWritesThem() {
        for (Instant instant : List.of(Instant.EPOCH, Instant.ofEpochSecond(-1), Instant.ofEpochSecond(0, 1),
                Instant.ofEpochSecond(-1, 999_999_999), Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("0000-01-01T00:00:00Z").minusNanos(1), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z").plusNanos(1), Instant.parse("2024-02-29T12:00:00.010Z"),
                Instant.parse("2026-12-02T10:29:44.123400Z"), Instant.MIN, Instant.MAX)) {
            assertThat(IsoInstants.text(instant)).isEqualTo(instant.toString());
        }
    }
}
