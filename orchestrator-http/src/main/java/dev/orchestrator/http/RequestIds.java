package dev.orchestrator.http;

import io.javalin.http.Context;
import java.util.UUID;

/** Every response carries an {@code X-Request-Id}; logs of a failed request name the same id. */
final class RequestIds {

    static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "orchestrator.request-id";

    private RequestIds() {
    }

    static void assign(Context ctx) {
        String id = UUID.randomUUID().toString();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
    }

    static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        if (id == null) {
            assign(ctx);
            id = ctx.attribute(ATTRIBUTE);
        }
        return id;
    }
}
