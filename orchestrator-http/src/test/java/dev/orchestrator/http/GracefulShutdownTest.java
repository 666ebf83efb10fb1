package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.OutboundPorts;
import dev.orchestrator.core.application.port.out.QueueReader;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.queue.QueueEntry;
import dev.orchestrator.core.domain.queue.QueueMode;
import dev.orchestrator.core.testing.PortsFixture;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulShutdownTest extends ApiTestBase {

    private final CountDownLatch requestInside = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @Override
    protected OutboundPorts ports(PortsFixture store) {
        OutboundPorts real = store.ports();
        QueueReader slow = new QueueReader() {
            @Override
            public List<QueueEntry> queue(OrganizationId organizationId, ProfileId csmId, QueueMode mode, int limit) {
                requestInside.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return real.queues().queue(organizationId, csmId, mode, limit);
            }

            @Override
            public List<QueueEntry> demoExecutions(OrganizationId organizationId, ProfileId csmId) {
                return real.queues().demoExecutions(organizationId, csmId);
            }
        };
        return real.withQueues(slow);
    }

    @Test
    void stop_lets_an_in_flight_request_finish() throws Exception {
        CompletableFuture<ApiResponse> inFlight = CompletableFuture.supplyAsync(() -> get("/api/orchestrator/queue", world.csm));
        assertThat(requestInside.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(api::stop);
        Thread.sleep(300);
        assertThat(stopping).isNotDone();
        release.countDown();

        ApiResponse response = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        stopping.get(10, TimeUnit.SECONDS);
    }
}
