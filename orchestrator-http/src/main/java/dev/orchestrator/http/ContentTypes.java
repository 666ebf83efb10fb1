package dev.orchestrator.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Locale;

/**
 * A request body must be JSON: a body declared as anything else ({@code text/plain},
 * {@code application/x-www-form-urlencoded} — what {@code curl -d} sends by default — ...) is refused
 * with 415 before a handler reads it. {@code application/json} and any {@code +json} type are JSON;
 * a body without a Content-Type is read as JSON.
 */
final class ContentTypes {

    private ContentTypes() {
    }

    static void check(Context ctx) {
        HandlerType method = ctx.method();
        if (method != HandlerType.POST && method != HandlerType.PUT && method != HandlerType.PATCH) {
            return;
        }
        boolean hasBody = ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
        String contentType = ctx.header("Content-Type");
        if (!hasBody || contentType == null || contentType.isBlank() || isJson(contentType)) {
            return;
        }
        if (ctx.path().equals(SignalHandlers.BATCH_PATH) && isJsonLines(contentType)) {
            return;
        }
        throw ApiProblem.status(415, "Unsupported Media Type",
                "the body must be application/json, not " + contentType.split(";")[0].strip());
    }

    static boolean isJson(String contentType) {
        String type = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    /** Newline-delimited JSON, under the names it goes by. */
    static boolean isJsonLines(String contentType) {
        String type = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/x-ndjson") || type.equals("application/jsonl")
                || type.equals("application/jsonlines");
    }
}
