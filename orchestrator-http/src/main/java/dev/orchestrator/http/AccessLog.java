package dev.orchestrator.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the logger {@value #LOGGER} at INFO: method, route template, status,
 * duration, request id and, once authenticated, the caller's organization. The same fields are
 * attached as SLF4J key-value pairs, so a JSON encoder writes them as fields.
 */
final class AccessLog {

    static final String LOGGER = "dev.orchestrator.http.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private AccessLog() {
    }

    static void log(Context ctx, String route, Duration duration) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        String method = ctx.method().name();
        int status = ctx.statusCode();
        String millis = String.format(Locale.ROOT, "%.1f", duration.toNanos() / 1e6);
        String requestId = RequestIds.of(ctx);
        String organization = Authentication.callerIfAny(ctx).map(p -> p.organizationId().toString()).orElse("-");
        LOG.atInfo()
                .addKeyValue("http_method", method)
                .addKeyValue("route", route)
                .addKeyValue("status", status)
                .addKeyValue("duration_ms", Double.parseDouble(millis))
                .addKeyValue("organization_id", organization)
                .log("{} {} {} {}ms request_id={} organization_id={}", method, route, status, millis, requestId,
                        organization);
    }
}
