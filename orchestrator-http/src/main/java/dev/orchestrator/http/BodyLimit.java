package dev.orchestrator.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Refuses a declared body over {@link HttpApi#MAX_BODY_BYTES} before anything parses it; bodies without
 * a length (chunked) are cut at the same size by Javalin's {@code maxRequestSize} when read.
 */
final class BodyLimit {

    /**
     * A refused body up to this size is read and thrown away before the 413 goes out. Otherwise the
     * server closes the connection with the client's bytes still unread, the kernel answers them with
     * a reset, and a client still sending (one that does not wait for 100-continue) sees the
     * connection dropped instead of the 413.
     */
    static final long DRAINED_AT_MOST = 4 * HttpApi.MAX_BODY_BYTES;

    private BodyLimit() {
    }

    static void check(Context ctx) {
        if (ctx.path().equals(SignalHandlers.BATCH_PATH)) {
            return; // streamed line by line, with its own limit
        }
        long length = ctx.req().getContentLengthLong();
        if (length > HttpApi.MAX_BODY_BYTES) {
            if (length <= DRAINED_AT_MOST) {
                drain(ctx);
            }
            throw ApiProblem.contentTooLarge("the body is " + length + " bytes; at most " + HttpApi.MAX_BODY_BYTES
                    + " are accepted");
        }
    }

    private static void drain(Context ctx) {
        try (InputStream body = ctx.req().getInputStream()) {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            // the client went away, or the stream is cut: the 413 is all that is left to send
        }
    }
}
