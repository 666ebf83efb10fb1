package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** With no origin configured (the default), browsers on other origins are told nothing. */
class DefaultCorsTest extends ApiTestBase {

    @Test
    void no_origin_is_allowed_by_default() {
        ApiResponse preflight = send(HttpRequest.newBuilder(uri("/api/orchestrator/queue"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://dashboard.example.com").header("Access-Control-Request-Method", "GET").build());
        assertProblem(preflight, 403);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEmpty();

        ApiResponse simple = send(request("/api/orchestrator/queue", world.csm)
                .header("Origin", "https://dashboard.example.com").GET().build());
        assertThat(simple.status()).isEqualTo(200);
        assertThat(simple.header("Access-Control-Allow-Origin")).isEmpty();
    }
}
