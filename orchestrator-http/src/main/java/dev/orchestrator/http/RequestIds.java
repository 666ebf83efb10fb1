package dev.orchestrator.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Every response carries an {@code X-Request-Id}; logs of a request name the same id (in the MDC as
 * {@value #MDC_KEY}). A well-formed inbound {@code X-Request-Id} (1 to 128 characters of
 * {@code [A-Za-z0-9._-]}) is kept; otherwise the trace id of a well-formed W3C {@code traceparent};
 * otherwise a random UUID.
 */
final class RequestIds {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "request_id";
    private static final String ATTRIBUTE = "orchestrator.request-id";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    /** version-traceid-parentid-flags; version ff and all-zero ids are invalid (W3C Trace Context). */
    private static final Pattern TRACEPARENT =
            Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");

    private RequestIds() {
    }

    static void assign(Context ctx) {
        String id = chooseId(ctx.header(HEADER), ctx.header("traceparent"));
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        MDC.put(MDC_KEY, id);
    }

    /** The id to use for a request carrying these headers (either may be null). */
    static String chooseId(String requestId, String traceparent) {
        if (requestId != null && WELL_FORMED.matcher(requestId).matches()) {
            return requestId;
        }
        if (traceparent != null) {
            Matcher m = TRACEPARENT.matcher(traceparent.strip());
            if (m.matches() && !m.group(1).equals("ff") && !m.group(2).matches("0+") && !m.group(3).matches("0+")
                    && (m.group(1).equals("00") ? m.group(5) == null : true)) {
                return m.group(2);
            }
        }
        return UUID.randomUUID().toString();
    }

    static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        if (id == null) {
            assign(ctx);
            id = ctx.attribute(ATTRIBUTE);
        }
        return id;
    }

    /** Ends the request's logging context (the thread serves other requests next). */
    static void clear() {
        MDC.remove(MDC_KEY);
    }
}
