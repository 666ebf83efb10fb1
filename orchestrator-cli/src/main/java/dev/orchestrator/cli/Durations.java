package dev.orchestrator.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations such as 90s, 30m, 8h, 7d (or ISO-8601 PT8H). */
final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhd])");

    private Durations() {}

    static Duration parse(String option, String text) {
        String t = text.strip().toLowerCase();
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.strip().toUpperCase());
        } catch (DateTimeParseException e) {
            throw CliFailure.usage(option + ": '" + text + "' is not a duration (examples: 90s, 30m, 8h, 7d)");
        }
    }

    /**
     * Seconds as a table shows them: minutes under an hour, hours under two days, else days with one
     * decimal ({@code 45m}, {@code 26h}, {@code 3.2d}); {@code -} for none.
     */
    static String brief(Number seconds) {
        if (seconds == null) {
            return "-";
        }
        long s = seconds.longValue();
        if (Math.abs(s) < 3_600) {
            return (s / 60) + "m";
        }
        if (Math.abs(s) < 48 * 3_600) {
            return (s / 3_600) + "h";
        }
        return String.format(java.util.Locale.ROOT, "%.1fd", s / 86_400.0);
    }
}
