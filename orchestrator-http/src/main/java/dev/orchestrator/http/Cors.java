package dev.orchestrator.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Set;

/**
 * Cross-origin calls from browsers: only from the configured origins (none by default; {@code *}
 * for any). A preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) is answered
 * here, before authentication, since browsers never send a token with it: 204 with the allowed
 * methods and headers for an allowed origin, a 403 problem otherwise. Other requests from an allowed
 * origin get {@code Access-Control-Allow-Origin} and the headers scripts may read.
 */
final class Cors {

    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, X-Request-Id, traceparent";
    static final String EXPOSED_HEADERS = "X-Request-Id, Retry-After, WWW-Authenticate, Location";
    static final String MAX_AGE_SECONDS = "600";

    private final Set<String> origins;
    private final boolean any;

    Cors(List<String> origins) {
        this.any = origins.contains("*");
        this.origins = Set.copyOf(origins);
    }

    void handle(Context ctx) {
        String origin = ctx.header("Origin");
        boolean preflight = ctx.method() == HandlerType.OPTIONS && ctx.header("Access-Control-Request-Method") != null;
        if (origin == null) {
            return;
        }
        ctx.header("Vary", "Origin");
        boolean allowed = any || origins.contains(origin);
        if (!allowed) {
            if (preflight) {
                throw ApiProblem.forbidden("cross-origin requests from " + origin + " are not allowed");
            }
            return;
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        if (preflight) {
            ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
            ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            ctx.header("Access-Control-Max-Age", MAX_AGE_SECONDS);
            ctx.status(204);
            ctx.skipRemainingHandlers();
        } else {
            ctx.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
    }
}
