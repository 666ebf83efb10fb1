package dev.orchestrator.benchmarks.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load: {@code clients} platform threads, each with its own connection, each sending
 * its next request as soon as the last one answered. A warm-up phase is not recorded; the
 * measured phase stops at a fixed time or when the request budget is spent, whichever comes first,
 * so every run is bounded in count and in time. Latencies go to an HdrHistogram (1 µs .. 60 s).
 */
final class LoadDriver {

    /** One client's way of sending one request; returns the HTTP status (JDBC calls return 200). */
    interface Call extends AutoCloseable {
        int call(SplittableRandom random) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    interface CallFactory {
        Call open(int client) throws Exception;
    }

    /** What one load phase measured. */
    record Result(String name, int clients, long requests, double seconds, Histogram latencyNanos,
            Map<Integer, Long> statuses, long errors, String firstError) {

        double throughput() {
            return seconds == 0 ? 0 : requests / seconds;
        }

        double ok() {
            return statuses.entrySet().stream().filter(e -> e.getKey() / 100 == 2).mapToLong(Map.Entry::getValue).sum();
        }

        long status(int code) {
            return statuses.getOrDefault(code, 0L);
        }

        double p(double percentile) {
            return latencyNanos.getValueAtPercentile(percentile) / 1e6;
        }

        double maxMs() {
            return latencyNanos.getMaxValue() / 1e6;
        }
    }

    private LoadDriver() {
    }

    static Result run(String name, int clients, Duration warmup, Duration duration, long maxRequests, long seed,
            CallFactory factory) throws Exception {
        List<Call> calls = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                calls.add(factory.open(i));
            }
            AtomicLong budget = new AtomicLong(maxRequests);
            CountDownLatch done = new CountDownLatch(clients);
            long t0 = System.nanoTime() + warmup.toNanos();
            long t1 = t0 + duration.toNanos();
            Histogram[] histograms = new Histogram[clients];
            List<Map<Integer, Long>> statuses = new ArrayList<>();
            long[] errors = new long[clients];
            String[] firstErrors = new String[clients];
            long[] lastEnd = new long[clients];
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int client = i;
                histograms[i] = new Histogram(1_000, 60_000_000_000L, 3);
                Map<Integer, Long> counts = new TreeMap<>();
                statuses.add(counts);
                Call call = calls.get(i);
                SplittableRandom random = new SplittableRandom(seed * 7919 + client);
                Thread t = new Thread(() -> {
                    try {
                        long now = System.nanoTime();
                        while (now < t0) {
                            try {
                                call.call(random);
                            } catch (Exception e) {
                                // warm-up errors show again in the measured phase
                            }
                            now = System.nanoTime();
                        }
                        // Each client measures at least one call: on a loaded machine one warm-up call can
                        // outlast a short window, which otherwise reports 0 calls (seen in the smoke test).
                        boolean first = true;
                        while ((first || now < t1) && budget.getAndDecrement() > 0) {
                            first = false;
                            long begin = System.nanoTime();
                            int status;
                            try {
                                status = call.call(random);
                            } catch (Exception e) {
                                status = -1;
                                if (errors[client]++ == 0) {
                                    firstErrors[client] = e.toString();
                                }
                            }
                            now = System.nanoTime();
                            histograms[client].recordValue(Math.max(1_000, Math.min(now - begin, 60_000_000_000L)));
                            counts.merge(status, 1L, Long::sum);
                        }
                        lastEnd[client] = now;
                    } finally {
                        done.countDown();
                    }
                }, name + "-client-" + i);
                t.setDaemon(true);
                threads.add(t);
            }
            threads.forEach(Thread::start);
            done.await();
            Histogram all = new Histogram(1_000, 60_000_000_000L, 3);
            Map<Integer, Long> merged = new TreeMap<>();
            long errorCount = 0;
            String firstError = null;
            long end = t0;
            for (int i = 0; i < clients; i++) {
                all.add(histograms[i]);
                statuses.get(i).forEach((k, v) -> merged.merge(k, v, Long::sum));
                errorCount += errors[i];
                if (firstError == null) {
                    firstError = firstErrors[i];
                }
                end = Math.max(end, lastEnd[i]);
            }
            return new Result(name, clients, all.getTotalCount(), (end - t0) / 1e9, all, merged, errorCount, firstError);
        } finally {
            for (Call c : calls) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing after the measurement
                }
            }
        }
    }
}
