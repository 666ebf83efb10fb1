package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CORS, 405/415, cache headers, the server's own errors and the token rules, over real HTTP. */
class HttpHygieneTest extends ApiTestBase {

    static final String ALLOWED = "https://dashboard.example.com";

    @Override
    protected Operations operations() {
        return Operations.defaults().withCorsOrigins(List.of(ALLOWED));
    }

    @Override
    protected HttpSettings settings() {
        return HttpSettings.of(0, SECRET).withJwtKeyId("orchestrator-1");
    }

    /** A token signed with the test secret, with this raw JSON payload and optional kid. */
    private static String signed(String payloadJson, String kid) throws Exception {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.HS256);
        if (kid != null) {
            header.keyID(kid);
        }
        JWSObject jws = new JWSObject(header.build(), new Payload(payloadJson));
        jws.sign(new MACSigner(SECRET));
        return jws.serialize();
    }

    private String claims(String exp, String extra) {
        long now = clock.instant().getEpochSecond();
        return "{\"sub\":\"" + world.csm.id() + "\",\"aud\":\"authenticated\",\"iat\":" + now + ",\"exp\":" + exp
                + extra + "}";
    }

    private ApiResponse queueWith(String token) {
        return withToken("GET", "/api/orchestrator/queue", "Bearer " + token);
    }

    @Test
    void a_preflight_from_an_allowed_origin_is_answered_without_a_token() {
        ApiResponse preflight = send(HttpRequest.newBuilder(uri("/api/orchestrator/executions/x/snooze"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ALLOWED).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type").build());

        assertThat(preflight.status()).as(preflight.toString()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(preflight.header("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
        assertThat(preflight.header("Access-Control-Allow-Headers").orElseThrow()).contains("Authorization",
                "Content-Type");
    }

    @Test
    void other_origins_get_no_cors_headers_and_their_preflight_is_refused() {
        ApiResponse preflight = send(HttpRequest.newBuilder(uri("/api/orchestrator/queue"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET").build());
        assertProblem(preflight, 403);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEmpty();

        ApiResponse simple = send(request("/api/orchestrator/queue", world.csm).header("Origin", "https://evil.example")
                .GET().build());
        assertThat(simple.status()).isEqualTo(200);
        assertThat(simple.header("Access-Control-Allow-Origin")).isEmpty();

        ApiResponse allowed = send(request("/api/orchestrator/queue", world.csm).header("Origin", ALLOWED).GET().build());
        assertThat(allowed.header("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(allowed.header("Access-Control-Expose-Headers").orElseThrow()).contains("X-Request-Id");
    }

    @Test
    void a_wrong_method_on_a_known_path_is_405_with_allow() {
        ApiResponse delete = send(request("/api/orchestrator/queue", world.csm).DELETE().build());
        assertProblem(delete, 405);
        assertThat(delete.header("Allow").orElseThrow()).contains("GET").doesNotContain("DELETE");

        ApiResponse get = get("/api/orchestrator/executions/" + java.util.UUID.randomUUID() + "/snooze", world.csm);
        assertProblem(get, 405);
        assertThat(get.header("Allow")).hasValue("POST");
    }

    @Test
    void a_body_that_is_not_json_is_415() {
        String id = java.util.UUID.randomUUID().toString();
        ApiResponse form = send(request("/api/orchestrator/executions/" + id + "/snooze", world.csm)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("days=2")).build());
        assertProblem(form, 415);
        ApiResponse text = send(request("/api/orchestrator/executions/" + id + "/snooze", world.csm)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{\"days\":2}")).build());
        assertProblem(text, 415);

        ApiResponse json = send(request("/api/orchestrator/executions/" + id + "/snooze", world.csm)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"days\":2}")).build());
        assertProblem(json, 404); // past the media type check: the execution does not exist
    }

    @Test
    void authenticated_answers_are_never_cached() {
        ApiResponse ok = get("/api/orchestrator/queue", world.csm);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Cache-Control")).hasValue("no-store");
        ApiResponse notFound = get("/api/orchestrator/executions/nope", world.csm);
        assertThat(notFound.header("Cache-Control")).hasValue("no-store");
    }

    @Test
    void a_ten_kilobyte_token_is_accepted() throws Exception {
        String padding = ",\"groups\":\"" + "g".repeat(10 * 1024) + "\"";
        String token = signed(claims(String.valueOf(clock.instant().getEpochSecond() + 600), padding), null);
        assertThat(token.length()).isGreaterThan(10 * 1024);

        ApiResponse response = queueWith(token);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @Test
    void headers_over_the_limit_are_a_431_problem_not_html() {
        ApiResponse response = send(HttpRequest.newBuilder(uri("/health/live"))
                .header("X-Padding", "p".repeat(HttpApi.MAX_HEADER_BYTES + 100))
                .header(RequestIds.HEADER, "client-id-431").GET().build());
        assertThat(response.status()).isEqualTo(431);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(431);
        assertThat(response.header(RequestIds.HEADER)).isPresent();
    }

    @Test
    void a_uri_over_the_limit_is_a_problem_not_html() {
        ApiResponse response = get("/health/live?q=" + "x".repeat(HttpApi.MAX_HEADER_BYTES + 100), null);
        assertThat(response.status()).isIn(414, 431);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(response.status());
        assertThat(response.header(RequestIds.HEADER)).isPresent();
    }

    @Test
    void bad_percent_encoding_and_malformed_requests_are_400_problems() {
        for (String request : List.of(
                "GET /api/orchestrator/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET /health/live HTTP/1.1\r\nHost: localhost\r\nContent-Length: x\r\nConnection: close\r\n\r\n",
                "GET /health/%2e%2e/%2e%2e/etc HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")) {
            String answer = raw(request);
            assertThat(answer).as(request).startsWith("HTTP/1.1 400");
            assertThat(answer.toLowerCase(java.util.Locale.ROOT)).as(answer)
                    .contains("content-type: application/problem+json").contains("x-request-id: ")
                    .contains("\"status\":400").doesNotContain("<html");
        }
    }

    @Test
    void an_exp_that_is_null_or_not_a_number_is_refused() throws Exception {
        assertProblem(queueWith(signed(claims("null", ""), null)), 401);
        assertProblem(queueWith(signed(claims("\"tomorrow\"", ""), null)), 401);
        assertProblem(queueWith(signed("{\"sub\":\"" + world.csm.id() + "\",\"aud\":\"authenticated\"}", null)), 401);
        long later = clock.instant().getEpochSecond() + 600;
        assertThat(queueWith(signed(claims(String.valueOf(later), ""), null)).status()).isEqualTo(200);
    }

    @Test
    void iat_or_nbf_in_the_future_beyond_the_leeway_is_refused() throws Exception {
        long now = clock.instant().getEpochSecond();
        String exp = String.valueOf(now + 3600);
        String base = "{\"sub\":\"" + world.csm.id() + "\",\"aud\":\"authenticated\",\"exp\":" + exp;
        assertProblem(queueWith(signed(base + ",\"iat\":" + (now + 600) + "}", null)), 401);
        assertProblem(queueWith(signed(base + ",\"nbf\":" + (now + 600) + "}", null)), 401);
        assertProblem(queueWith(signed(base + ",\"iat\":null}", null)), 401);
        // within the 60 s leeway: a clock a little ahead is fine
        assertThat(queueWith(signed(base + ",\"iat\":" + (now + 30) + ",\"nbf\":" + (now + 30) + "}", null)).status())
                .isEqualTo(200);
    }

    @Test
    void a_kid_must_match_the_configured_key_id() throws Exception {
        String valid = claims(String.valueOf(clock.instant().getEpochSecond() + 600), "");
        assertThat(queueWith(signed(valid, "orchestrator-1")).status()).isEqualTo(200);
        assertThat(queueWith(signed(valid, null)).status()).isEqualTo(200);
        assertProblem(queueWith(signed(valid, "someone-else")), 401);
    }

    @Test
    void a_token_in_the_query_string_is_never_read() {
        String token = tokens.mint(world.csm.id().value());
        assertProblem(get("/api/orchestrator/queue?access_token=" + token, null), 401);
        assertProblem(get("/api/orchestrator/queue?token=" + token + "&jwt=" + token, null), 401);
    }
}
