package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.OutboundPorts;
import dev.orchestrator.core.application.port.out.QueueReader;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.queue.QueueEntry;
import dev.orchestrator.core.domain.queue.QueueMode;
import dev.orchestrator.core.testing.PortsFixture;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ErrorHandlingTest extends ApiTestBase {

    /** Queues of these CSMs blow up, as a broken store would. */
    private final Set<ProfileId> broken = ConcurrentHashMap.newKeySet();

    @Override
    protected OutboundPorts ports(PortsFixture store) {
        OutboundPorts real = store.ports();
        QueueReader failing = new QueueReader() {
            @Override
            public List<QueueEntry> queue(OrganizationId organizationId, ProfileId csmId, QueueMode mode, int limit) {
                if (broken.contains(csmId)) {
                    throw new IllegalStateException("connection to db-internal-7:5432 refused (secret detail)");
                }
                return real.queues().queue(organizationId, csmId, mode, limit);
            }

            @Override
            public List<QueueEntry> demoExecutions(OrganizationId organizationId, ProfileId csmId) {
                return real.queues().demoExecutions(organizationId, csmId);
            }
        };
        return real.withQueues(failing);
    }

    @Test
    void an_unexpected_error_is_500_without_details_and_names_the_request_id() {
        Profile unlucky = world.csm;
        broken.add(unlucky.id());

        ApiResponse response = get("/api/orchestrator/queue", unlucky);

        assertProblem(response, 500);
        assertThat(response.body()).doesNotContain("secret", "db-internal", "IllegalStateException", "at dev.");
        String requestId = response.header(RequestIds.HEADER).orElseThrow();
        assertThat(response.json().path("request_id").asText()).isEqualTo(requestId);
        assertThat(response.json().path("detail").asText()).contains(requestId);
    }

    @Test
    void an_unknown_route_is_a_404_problem() {
        assertProblem(get("/nowhere", null), 404);
        assertProblem(get("/api/orchestrator/nothing-here", world.csm), 404);
        // a known path with another method is 405 (HttpHygieneTest)
    }

    @Test
    void every_response_carries_a_distinct_request_id() {
        ApiResponse ok = get("/api/orchestrator/queue", world.csm);
        ApiResponse alsoOk = get("/health/live", null);
        ApiResponse unauthorized = get("/api/orchestrator/queue", null);
        assertThat(List.of(ok, alsoOk, unauthorized)).allSatisfy(r -> assertThat(r.header(RequestIds.HEADER))
                .hasValueSatisfying(id -> assertThat(Uuids.parse(id)).isPresent()));
        assertThat(ok.header(RequestIds.HEADER)).isNotEqualTo(alsoOk.header(RequestIds.HEADER));
        assertThat(unauthorized.json().path("request_id").asText())
                .isEqualTo(unauthorized.header(RequestIds.HEADER).orElseThrow());
    }

    @Test
    void a_validation_problem_lists_each_field_with_its_reason() {
        ApiResponse response = post("/api/orchestrator/demo/initialize",
                json(map("customer_id", "x", "csm_id", 3, "extra", true)), world.csm);
        assertInvalid(response, "customer_id", "csm_id", "extra");
        response.json().path("errors").forEach(e -> assertThat(e.path("message").asText()).isNotBlank());
        assertThat(response.json().path("instance").asText()).isEqualTo("/api/orchestrator/demo/initialize");
    }
}
