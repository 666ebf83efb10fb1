package dev.orchestrator.benchmarks.system;

import dev.orchestrator.http.ExtraRoutes;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP stack's own ceiling (issue 16): a handler on serve's own server that answers a fixed JSON
 * body of {@code ?bytes=} bytes (a real queue page's size), made once per size, so that a request costs
 * what the server, its filters and its request logger cost and nothing of the product's. Runs inside
 * serve, not here: {@link ServeProcess} puts it on serve's class path as an {@link ExtraRoutes}
 * provider. It must not be loaded in the suite's own JVM (the HTTP module is not in benchmarks.jar).
 */
public final class CeilingRoute implements ExtraRoutes {

    static final String CLASS_FILE = "dev/orchestrator/benchmarks/system/CeilingRoute.class";
    static final String PATH = ExtraRoutes.PREFIX + "fixed-body";
    private static final int MAX_BYTES = 1 << 20;

    private final Map<Integer, byte[]> bodies = new ConcurrentHashMap<>();

    @Override
    public Map<String, Handler> routes() {
        return Map.of(PATH, ctx -> {
            int bytes = Integer.parseInt(ctx.queryParam("bytes"));
            if (bytes < 4 || bytes > MAX_BYTES) {
                throw new IllegalArgumentException("bytes must be from 4 to " + MAX_BYTES);
            }
            ctx.status(200).contentType("application/json").result(bodies.computeIfAbsent(bytes, CeilingRoute::body));
        });
    }

    /** {@code ["xx…x"]}: a JSON array of one string, exactly {@code bytes} long (what the queue's client checks: a '['). */
    static byte[] body(int bytes) {
        byte[] body = new byte[bytes];
        Arrays.fill(body, (byte) 'x');
        byte[] open = "[\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(open, 0, body, 0, 2);
        body[bytes - 2] = '"';
        body[bytes - 1] = ']';
        return body;
    }
}
