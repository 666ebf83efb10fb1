package dev.orchestrator.http;

import io.javalin.http.Handler;
import java.util.Map;

/**
 * GET routes added to the server beside the API's, to measure the server itself: the benchmarks put
 * a provider on serve's class path that answers a fixed body, the HTTP stack's own ceiling beside
 * the queue page (docs/performance.md, "the HTTP stack's ceiling"). A request to one passes what every
 * request passes (the server's configuration, the request id, CORS, the body limit, the metrics and
 * the access log), not the {@code /api/*} filters (migration gate, authentication, content type).
 *
 * <p>Found with {@link java.util.ServiceLoader} when an {@link HttpApi} is built. The product provides
 * none, and {@code java -jar orchestrator.jar} has the jar alone on its class path: a deployment serves
 * none. Every path must lie under {@link #PREFIX}, so a provider can neither take nor shadow a product path.
 */
public interface ExtraRoutes {

    /** Where extra routes live, and only they. */
    String PREFIX = "/_measure/";

    /** Path (under {@link #PREFIX}) to its handler. */
    Map<String, Handler> routes();
}
