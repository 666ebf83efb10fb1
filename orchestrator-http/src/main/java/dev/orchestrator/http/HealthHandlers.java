package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.CheckHealth;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health/live} (the process answers), {@code GET /health/ready} (and its store does, on a
 * current schema: the body names each component) and {@code GET /info} (version and build commit).
 * No auth. Until the migrations are current, API calls answer 503 too ({@link #requireMigrated}).
 */
final class HealthHandlers {

    private final CheckHealth health;
    private final BooleanSupplier migrationsCurrent;
    private final java.util.function.Supplier<String> schedulerState;
    private final String version;
    private final String commit;
    /** Migrations never go backwards: once current, stop asking. */
    private final AtomicBoolean migrated = new AtomicBoolean();

    HealthHandlers(CheckHealth health) {
        this(health, Operations.defaults());
    }

    HealthHandlers(CheckHealth health, Operations operations) {
        this.health = health;
        this.migrationsCurrent = operations.migrationsCurrent();
        this.schedulerState = operations.schedulerState();
        this.version = operations.version();
        this.commit = operations.commit();
    }

    void live(Context ctx) {
        Responses.json(ctx, 200, Map.of("status", "live"));
    }

    void ready(Context ctx) {
        long start = System.nanoTime();
        boolean reachable;
        try {
            reachable = health.ready();
        } catch (RuntimeException e) {
            reachable = false;
        }
        long latencyMs = (System.nanoTime() - start) / 1_000_000;
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("status", reachable ? "up" : "down");
        database.put("latency_ms", latencyMs);
        boolean current = reachable && migrated();
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("database", database);
        components.put("migrations", Map.of("status", !reachable ? "unknown" : current ? "current" : "pending"));
        components.put("scheduler", Map.of("status", scheduler()));
        if (!reachable) {
            throw ApiProblem.unavailable("the store does not answer", Map.of("components", components),
                    DatabaseFaults.RETRY_AFTER_SECONDS);
        }
        if (!current) {
            throw ApiProblem.unavailable("the database schema is not current yet (migrating)",
                    Map.of("components", components), DatabaseFaults.RETRY_AFTER_SECONDS);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ready");
        body.put("components", components);
        Responses.json(ctx, 200, body);
    }

    private String scheduler() {
        try {
            return schedulerState.get();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    void info(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        body.put("commit", commit);
        body.put("java", System.getProperty("java.version"));
        Responses.json(ctx, 200, body);
    }

    /** Before every API call: 503 while the schema is being migrated (serve binds its port first). */
    void requireMigrated(Context ctx) {
        if (!migrated()) {
            throw ApiProblem.unavailable("the service is starting: the database schema is being migrated",
                    DatabaseFaults.RETRY_AFTER_SECONDS);
        }
    }

    private boolean migrated() {
        if (migrated.get()) {
            return true;
        }
        boolean now;
        try {
            now = migrationsCurrent.getAsBoolean();
        } catch (RuntimeException e) {
            now = false;
        }
        if (now) {
            migrated.set(true);
        }
        return now;
    }
}
