package dev.orchestrator.cli;

import java.util.Locale;

/**
 * How every command writes numbers: counts with a comma between thousands ({@code 1,234,567}), durations
 * in seconds with one decimal ({@code 2.5 s}), the same whatever the machine's locale (a German one
 * would otherwise print {@code 1.234.567} and {@code 2,5 s}, which scripts and readers misparse).
 */
final class Numbers {

    private Numbers() {}

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code nanos} as seconds, one decimal. */
    static String seconds(long nanos) {
        return seconds(nanos / 1e9);
    }

    static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
