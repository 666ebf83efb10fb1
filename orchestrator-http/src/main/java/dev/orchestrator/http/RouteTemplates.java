package dev.orchestrator.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.InternalRouter;
import io.javalin.router.ParsedEndpoint;

/**
 * The route template a request was for ({@code /api/orchestrator/executions/{id}/snooze}), never its
 * raw path: the label of metrics and access-log lines, so ids never become series. Found also for
 * requests refused before their route ran (401, 415, 503 from a before-handler) and for a wrong
 * method on a known path (405); {@value #UNMATCHED} when no route has the path.
 */
final class RouteTemplates {

    static final String UNMATCHED = "unmatched";

    private volatile InternalRouter router;

    void use(InternalRouter javalinRouter) {
        this.router = javalinRouter;
    }

    String of(Context ctx) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        if (matched != null) {
            return matched.path;
        }
        InternalRouter r = router;
        if (r == null) {
            return UNMATCHED;
        }
        String path = ctx.path();
        HandlerType method = ctx.method() == HandlerType.HEAD ? HandlerType.GET : ctx.method();
        ParsedEndpoint same = method.isHttpMethod() ? r.findFirstHttpHandlerEntry(method, path) : null;
        if (same != null) {
            return same.endpoint.path;
        }
        for (HandlerType other : HandlerType.values()) {
            if (other.isHttpMethod()) {
                ParsedEndpoint any = r.findFirstHttpHandlerEntry(other, path);
                if (any != null) {
                    return any.endpoint.path;
                }
            }
        }
        return UNMATCHED;
    }
}
