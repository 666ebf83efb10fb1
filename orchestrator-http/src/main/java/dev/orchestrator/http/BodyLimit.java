package dev.orchestrator.http;

import io.javalin.http.Context;

/**
 * Refuses a declared body over {@link HttpApi#MAX_BODY_BYTES} before anything reads it; bodies without
 * a length (chunked) are cut at the same size by Javalin's {@code maxRequestSize} when read.
 */
final class BodyLimit {

    private BodyLimit() {
    }

    static void check(Context ctx) {
        if (ctx.path().equals(SignalHandlers.BATCH_PATH)) {
            return; // streamed line by line, with its own limit
        }
        long length = ctx.req().getContentLengthLong();
        if (length > HttpApi.MAX_BODY_BYTES) {
            throw ApiProblem.contentTooLarge("the body is " + length + " bytes; at most " + HttpApi.MAX_BODY_BYTES
                    + " are accepted");
        }
    }
}
