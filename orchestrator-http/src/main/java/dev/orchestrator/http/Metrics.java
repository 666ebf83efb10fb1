package dev.orchestrator.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /metrics} (Prometheus text format) and the HTTP meters: {@code http_server_requests_seconds}, a
 * latency histogram tagged with method, route <em>template</em> (never the raw path, so no per-id
 * series), status and outcome; plus the JVM's memory, GC, threads, class loading, CPU and uptime.
 */
final class Metrics {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Histogram bucket bounds of the request latency. */
    static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry;
    private final Optional<byte[]> token;

    Metrics(PrometheusMeterRegistry registry, Optional<String> token) {
        this.registry = registry;
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** One series of {@code http_server_requests_seconds}: its tags but the outcome, which the status gives. */
    private record Series(String method, String route, int status) {
    }

    /**
     * The timers registered so far, by series: building and registering a timer (tags sorted, the
     * distribution's configuration merged, the registry's map probed) on every request was ~2 % of
     * serve's CPU in a queue request. Bounded like the registry itself: by routes × methods × statuses.
     */
    private final Map<Series, Timer> timers = new ConcurrentHashMap<>();

    void record(Context ctx, String route, Duration duration) {
        timers.computeIfAbsent(new Series(ctx.method().name(), route, ctx.statusCode()), this::register)
                .record(duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    private Timer register(Series series) {
        return Timer.builder("http.server.requests")
                .description("HTTP requests served, by route template and status")
                .tag("method", series.method())
                .tag("route", series.route())
                .tag("status", String.valueOf(series.status()))
                .tag("outcome", outcome(series.status()))
                // a dozen fixed buckets (not Micrometer's ~70): enough for SLOs and quantile estimates
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    private static String outcome(int status) {
        if (status < 200) {
            return "INFORMATIONAL";
        }
        if (status < 300) {
            return "SUCCESS";
        }
        if (status < 400) {
            return "REDIRECTION";
        }
        return status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
    }

    void scrape(Context ctx) {
        if (token.isPresent()) {
            String header = ctx.header("Authorization");
            byte[] given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
            if (!MessageDigest.isEqual(given, token.get())) {
                throw ApiProblem.missingCredentials("/metrics requires the metrics token: Authorization: Bearer <token>");
            }
        }
        ctx.status(200).contentType(CONTENT_TYPE).result(registry.scrape());
    }
}
