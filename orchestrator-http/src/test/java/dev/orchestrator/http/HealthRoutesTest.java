package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.OutboundPorts;
import dev.orchestrator.core.testing.PortsFixture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthRoutesTest extends ApiTestBase {

    private final AtomicBoolean storeAnswers = new AtomicBoolean(true);

    @Override
    protected OutboundPorts ports(PortsFixture store) {
        OutboundPorts real = store.ports();
        return real.withHealth(() -> storeAnswers.get() && real.health().isReachable());
    }

    @Test
    void live_is_200_whatever_the_store_says() {
        storeAnswers.set(false);
        ApiResponse live = get("/health/live", null);
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().path("status").asText()).isEqualTo("live");
        storeAnswers.set(true);
    }

    @Test
    void ready_follows_the_store() {
        storeAnswers.set(true);
        assertThat(get("/health/ready", null).status()).isEqualTo(200);
        storeAnswers.set(false);
        assertProblem(get("/health/ready", null), 503);
        storeAnswers.set(true);
        assertThat(get("/health/ready", null).status()).isEqualTo(200);
    }
}
