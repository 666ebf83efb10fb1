package dev.orchestrator.http;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString} for the answers' times, written straight into one char array. The JDK's
 * version goes through {@code DateTimeFormatter.ISO_INSTANT} (a print context, a LocalDateTime, a
 * StringBuilder that grows): some 7 % of a list page's heap allocation, a page holding a dozen times per
 * item (docs/performance.md). The same text: seconds always, then the fraction in groups of three digits
 * as {@code ISO_INSTANT} prints it (none, millis, micros or nanos), then {@code Z}; years outside
 * 0000-9999 are left to the JDK. {@code IsoInstantsTest} compares the two on random instants.
 */
final class IsoInstants {

    private static final int SECONDS_PER_DAY = 86_400;
    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z. */
    private static final long FIRST = -62_167_219_200L;
    private static final long END = 253_402_300_800L;

    private IsoInstants() {
    }

    static String text(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST || seconds >= END) {
            return instant.toString();
        }
        int nanos = instant.getNano();
        int digits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        char[] text = new char[20 + (digits == 0 ? 0 : 1 + digits)];
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        int second = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        put(text, 0, date.getYear(), 4);
        text[4] = '-';
        put(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        put(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        put(text, 11, second / 3_600, 2);
        text[13] = ':';
        put(text, 14, second / 60 % 60, 2);
        text[16] = ':';
        put(text, 17, second % 60, 2);
        int end = 19;
        if (digits > 0) {
            text[end++] = '.';
            put(text, end, digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1_000 : nanos, digits);
            end += digits;
        }
        text[end] = 'Z';
        return new String(text);
    }

    /** {@code value}'s last {@code width} decimal digits at {@code at}, zero-padded. */
    private static void put(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
