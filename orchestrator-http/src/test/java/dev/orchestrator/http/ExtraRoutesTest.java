package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrator.core.application.Orchestrator;
import io.javalin.http.Handler;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seam the benchmarks' HTTP ceiling uses: a provider of {@link ExtraRoutes} on the class path adds
 * its GET routes to the same server, behind the filters and the request logger every request passes;
 * without one (the product's class path) there is no such route; a path outside the prefix is refused.
 */
public class ExtraRoutesTest extends ApiTestBase {

    /** A fixed body under the prefix, as the benchmarks' ceiling answers it. */
    public static final class Fixed implements ExtraRoutes {
        @Override
        public Map<String, Handler> routes() {
            byte[] body = "[\"fixed\"]".getBytes(StandardCharsets.UTF_8);
            return Map.of(PREFIX + "fixed", ctx -> ctx.contentType(Responses.JSON).result(body));
        }
    }

    /** A provider that tries to take a product path. */
    public static final class Intruder implements ExtraRoutes {
        @Override
        public Map<String, Handler> routes() {
            return Map.of("/api/orchestrator/queue2", ctx -> ctx.result("no"));
        }
    }

    @TempDir
    Path services;

    @Test
    void the_products_class_path_has_no_extra_route() {
        assertThat(get(ExtraRoutes.PREFIX + "fixed", null).status()).isEqualTo(404);
    }

    @Test
    void a_provider_adds_its_route_behind_the_filters_every_request_passes() throws Exception {
        HttpApi measured = new HttpApi(new Orchestrator(fixture.ports(), clock), null, settings(), clock, operations(),
                loaderNaming(Fixed.class));
        int port = measured.start();
        try {
            String answer = rawTo(port, "GET " + ExtraRoutes.PREFIX + "fixed HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 200").contains("Content-Type: application/json")
                    .containsIgnoringCase(RequestIds.HEADER + ":").endsWith("[\"fixed\"]");
            String metrics = rawTo(port, "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*route=\""
                    + ExtraRoutes.PREFIX + "fixed\"[^}]*status=\"200\"");
        } finally {
            measured.stop();
        }
    }

    @Test
    void a_route_outside_the_prefix_is_refused() throws Exception {
        ClassLoader loader = loaderNaming(Intruder.class);
        assertThatThrownBy(() -> new HttpApi(new Orchestrator(fixture.ports(), clock), null, settings(), clock,
                operations(), loader))
                .hasStackTraceContaining("an extra route must be under " + ExtraRoutes.PREFIX);
    }

    /** A class loader whose only own resource names {@code provider} as the ExtraRoutes service. */
    private ClassLoader loaderNaming(Class<? extends ExtraRoutes> provider) throws Exception {
        Path file = services.resolve("META-INF/services/" + ExtraRoutes.class.getName());
        Files.createDirectories(file.getParent());
        Files.writeString(file, provider.getName() + "\n");
        return new URLClassLoader(new URL[] {services.toUri().toURL()}, getClass().getClassLoader());
    }

    private static String rawTo(int port, String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
