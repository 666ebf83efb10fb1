package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** With a metrics token configured, /metrics needs it (and a JWT is not it). */
class MetricsTokenTest extends ApiTestBase {

    @Override
    protected Operations operations() {
        return Operations.defaults().withMetricsToken("scrape-me-please");
    }

    @Test
    void metrics_need_the_token() {
        assertProblem(get("/metrics", null), 401);
        assertProblem(withToken("GET", "/metrics", "Bearer wrong"), 401);
        assertProblem(get("/metrics", world.admin), 401);

        ApiResponse ok = withToken("GET", "/metrics", "Bearer scrape-me-please");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).contains("jvm_memory_used_bytes");
    }
}
