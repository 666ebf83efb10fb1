package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** /metrics, /info, /health/ready's components, the access log and request ids, over real HTTP. */
class ObservabilityTest extends ApiTestBase {

    private final ListAppender<ILoggingEvent> accessLog = new ListAppender<>();

    @Override
    protected Operations operations() {
        return Operations.defaults().withVersion("9.9.9-test", "abc1234");
    }

    @BeforeEach
    void captureAccessLog() {
        accessLog.list.clear();
        accessLog.start();
        ((Logger) LoggerFactory.getLogger(AccessLog.LOGGER)).addAppender(accessLog);
    }

    @AfterEach
    void releaseAccessLog() {
        ((Logger) LoggerFactory.getLogger(AccessLog.LOGGER)).detachAppender(accessLog);
    }

    @Test
    void metrics_count_requests_by_route_template_and_status_never_by_raw_path() {
        String id = UUID.randomUUID().toString();
        post("/api/orchestrator/executions/" + id + "/snooze", json(map("days", 2)), world.csm);
        get("/api/orchestrator/queue", world.csm);
        get("/api/orchestrator/queue", null);

        ApiResponse metrics = get("/metrics", null);

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        String body = metrics.body();
        assertThat(body).contains("http_server_requests_seconds_bucket{")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*route=\"/api/orchestrator/executions/\\{id\\}/snooze\""
                        + "[^}]*status=\"404\"")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*route=\"/api/orchestrator/queue\"[^}]*status=\"200\"")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*route=\"/api/orchestrator/queue\"[^}]*status=\"401\"")
                .contains("jvm_memory_used_bytes").contains("jvm_threads_live_threads").contains("process_uptime_seconds")
                .doesNotContain(id);
    }

    @Test
    void info_gives_version_and_commit() {
        ApiResponse info = get("/info", null);
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().path("version").asText()).isEqualTo("9.9.9-test");
        assertThat(info.json().path("commit").asText()).isEqualTo("abc1234");
    }

    @Test
    void ready_names_its_components() {
        ApiResponse ready = get("/health/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().at("/components/database/status").asText()).isEqualTo("up");
        assertThat(ready.json().at("/components/database/latency_ms").isIntegralNumber()).isTrue();
        assertThat(ready.json().at("/components/migrations/status").asText()).isEqualTo("current");
    }

    @Test
    void every_request_has_one_access_log_line_with_route_status_request_id_and_organization() {
        String id = UUID.randomUUID().toString();
        ApiResponse ok = get("/api/orchestrator/queue", world.csm);
        ApiResponse notFound = post("/api/orchestrator/executions/" + id + "/snooze", json(map("days", 2)), world.csm);
        ApiResponse anonymous = get("/health/live", null);

        List<String> lines = accessLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("GET /api/orchestrator/queue 200 ")
                .contains("request_id=" + ok.header(RequestIds.HEADER).orElseThrow())
                .contains("organization_id=" + world.org);
        assertThat(lines.get(1)).startsWith("POST /api/orchestrator/executions/{id}/snooze 404 ").doesNotContain(id)
                .contains("request_id=" + notFound.header(RequestIds.HEADER).orElseThrow());
        assertThat(lines.get(2)).startsWith("GET /health/live 200 ").contains("organization_id=-")
                .contains("request_id=" + anonymous.header(RequestIds.HEADER).orElseThrow());
        // the request id is in the MDC of the line (and of every line logged while serving it)
        assertThat(accessLog.list.get(0).getMDCPropertyMap()).containsEntry(RequestIds.MDC_KEY,
                ok.header(RequestIds.HEADER).orElseThrow());
    }

    @Test
    void a_well_formed_inbound_request_id_is_kept_and_a_malformed_one_replaced() {
        ApiResponse kept = send(request("/health/live", null).header(RequestIds.HEADER, "lb-7f3a.9_x").GET().build());
        assertThat(kept.header(RequestIds.HEADER)).hasValue("lb-7f3a.9_x");

        ApiResponse problem = send(request("/api/orchestrator/queue", null).header(RequestIds.HEADER, "caller-42").GET().build());
        assertThat(problem.json().path("request_id").asText()).isEqualTo("caller-42");

        for (String bad : List.of("has space", "x".repeat(129), "semi;colon", "<script>")) {
            ApiResponse replaced = send(request("/health/live", null).header(RequestIds.HEADER, bad).GET().build());
            assertThat(replaced.header(RequestIds.HEADER).orElseThrow()).as(bad).isNotEqualTo(bad)
                    .satisfies(v -> assertThat(Uuids.parse(v)).isPresent());
        }
    }

    @Test
    void without_a_request_id_the_traceparent_trace_id_is_used() {
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        ApiResponse traced = send(request("/health/live", null)
                .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01").GET().build());
        assertThat(traced.header(RequestIds.HEADER)).hasValue(trace);

        ApiResponse zeros = send(request("/health/live", null)
                .header("traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01").GET().build());
        assertThat(Uuids.parse(zeros.header(RequestIds.HEADER).orElseThrow())).isPresent();
        ApiResponse garbage = send(request("/health/live", null).header("traceparent", "nonsense").GET().build());
        assertThat(Uuids.parse(garbage.header(RequestIds.HEADER).orElseThrow())).isPresent();
        ApiResponse both = send(request("/health/live", null).header(RequestIds.HEADER, "mine")
                .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01").GET().build());
        assertThat(both.header(RequestIds.HEADER)).hasValue("mine");
    }
}
