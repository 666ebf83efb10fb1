package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.CheckHealth;
import io.javalin.http.Context;
import java.util.Map;

/** {@code GET /health/live} (the process answers) and {@code GET /health/ready} (and its store does). No auth. */
final class HealthHandlers {

    private final CheckHealth health;

    HealthHandlers(CheckHealth health) {
        this.health = health;
    }

    void live(Context ctx) {
        Responses.json(ctx, 200, Map.of("status", "live"));
    }

    void ready(Context ctx) {
        boolean ready;
        try {
            ready = health.ready();
        } catch (RuntimeException e) {
            ready = false;
        }
        if (!ready) {
            throw ApiProblem.unavailable("the store does not answer");
        }
        Responses.json(ctx, 200, Map.of("status", "ready"));
    }
}
