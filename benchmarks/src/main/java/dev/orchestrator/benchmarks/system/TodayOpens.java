package dev.orchestrator.benchmarks.system;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The opens of the dashboard's Today screen one CSM's browser made, as the browser's own clock gave them
 * (milliseconds from navigation start), and their percentiles by nearest rank: with a few dozen
 * samples an interpolated p95 would be a value no open had.
 *
 * @param opens in the order they were made: the first one a new document with an empty cache, the others reloads
 */
record TodayOpens(List<Open> opens) {

    /**
     * One open of Today.
     *
     * @param domInteractive Navigation Timing's {@code domInteractive}
     * @param loadEnd Navigation Timing's {@code loadEventEnd}
     * @param ready the dashboard's {@code dashboard:ready:today} mark: the card is drawn
     * @param todayServer {@code today-workflows}' Resource Timing entry, request sent to first byte back (the
     *     server's time plus loopback); NaN when the entry is missing
     * @param apiServer the same, summed over every API request the page made before it was ready (they run
     *     one after another: what of {@code ready} was spent waiting for serve)
     * @param apiCalls the API requests the page made before it was ready
     */
    record Open(double domInteractive, double loadEnd, double ready, double todayServer, double apiServer, int apiCalls) {
    }

    TodayOpens {
        if (opens.isEmpty()) {
            throw new IllegalArgumentException("opens: at least one open of Today is needed for a figure");
        }
        opens = List.copyOf(opens);
    }

    Open first() {
        return opens.get(0);
    }

    /** The {@code percent} percentile (0 < percent <= 100) of one timing over every open, by nearest rank. */
    double percentile(ToDoubleFunction<Open> timing, double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent: must be in (0, 100], got " + percent);
        }
        double[] sorted = opens.stream().mapToDouble(timing).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    double max(ToDoubleFunction<Open> timing) {
        return percentile(timing, 100);
    }

    /** How many opens were ready within {@code millis}. */
    long readyWithin(double millis) {
        return opens.stream().filter(o -> o.ready() <= millis).count();
    }

    @Override
    public String toString() {
        return Arrays.toString(opens.stream().mapToLong(o -> Math.round(o.ready())).toArray());
    }
}
