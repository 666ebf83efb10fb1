package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuthenticationTest extends ApiTestBase {

    private static final String QUEUE = "/api/orchestrator/queue";

    private ApiResponse queueWith(String authorization) {
        return withToken("GET", QUEUE, authorization);
    }

    private static void assertUnauthorized(ApiResponse response) {
        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    private JWTClaimsSet.Builder claims(UUID subject) {
        return new JWTClaimsSet.Builder().subject(subject.toString()).audience("authenticated")
                .issueTime(Date.from(clock.instant())).expirationTime(Date.from(clock.instant().plusSeconds(600)));
    }

    private static String hs256(JWTClaimsSet claims, byte[] secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    @Test
    void a_valid_token_of_a_known_profile_gets_in() {
        assertThat(queueWith("Bearer " + tokens.mint(world.csm.id().value())).status()).isEqualTo(200);
        assertThat(queueWith("bearer " + tokens.mint(world.csm.id().value())).status()).isEqualTo(200);
    }

    @Test
    void no_authorization_header_is_401_with_a_bearer_challenge() {
        assertUnauthorized(queueWith(null));
    }

    @Test
    void another_scheme_or_an_empty_token_is_401() {
        assertUnauthorized(queueWith("Basic dXNlcjpwYXNz"));
        assertUnauthorized(queueWith("Bearer "));
    }

    @Test
    void a_malformed_token_is_401() {
        assertUnauthorized(queueWith("Bearer not.a.jwt"));
        assertUnauthorized(queueWith("Bearer abc"));
    }

    @Test
    void a_token_signed_with_another_secret_is_401() throws Exception {
        byte[] other = "another-secret-of-at-least-32-bytes-long".getBytes(StandardCharsets.UTF_8);
        assertUnauthorized(queueWith("Bearer " + hs256(claims(world.csm.id().value()).build(), other)));
    }

    @Test
    void a_tampered_payload_is_401() {
        String token = tokens.mint(world.csm.id().value());
        String[] parts = token.split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":\"" + world.admin.id() + "\",\"aud\":\"authenticated\",\"exp\":9999999999}")
                        .getBytes(StandardCharsets.UTF_8));
        assertUnauthorized(queueWith("Bearer " + parts[0] + "." + forged + "." + parts[2]));
    }

    @Test
    void an_unsigned_alg_none_token_is_401() {
        String token = new PlainJWT(claims(world.csm.id().value()).build()).serialize();
        assertUnauthorized(queueWith("Bearer " + token));
        // The same with an empty signature part, as some libraries write it.
        assertUnauthorized(queueWith("Bearer " + token + "signature"));
    }

    @Test
    void an_expired_token_is_401_beyond_the_leeway_and_accepted_within_it() {
        UUID csm = world.csm.id().value();
        assertUnauthorized(queueWith("Bearer " + tokens.mint(csm, "authenticated", Duration.ofSeconds(-61 - 60))));
        assertThat(queueWith("Bearer " + tokens.mint(csm, "authenticated", Duration.ofSeconds(-30))).status())
                .isEqualTo(200);
    }

    @Test
    void a_token_without_exp_is_401() throws Exception {
        JWTClaimsSet noExp = new JWTClaimsSet.Builder().subject(world.csm.id().toString()).audience("authenticated").build();
        assertUnauthorized(queueWith("Bearer " + hs256(noExp, SECRET)));
    }

    @Test
    void a_token_for_another_audience_is_401() {
        assertUnauthorized(queueWith("Bearer " + tokens.mint(world.csm.id().value(), "service_role", Duration.ofMinutes(5))));
    }

    @Test
    void an_rs256_token_is_401_when_no_jwks_is_configured() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                claims(world.csm.id().value()).build());
        jwt.sign(new RSASSASigner(key));
        assertUnauthorized(queueWith("Bearer " + jwt.serialize()));
    }

    @Test
    void a_valid_token_whose_subject_is_no_known_profile_is_403() {
        assertProblem(queueWith("Bearer " + tokens.mint(UUID.randomUUID())), 403);
        assertProblem(queueWith("Bearer " + tokens.mint("not-a-uuid", "authenticated", Duration.ofMinutes(5))), 403);
    }

    @Test
    void every_api_route_needs_a_token() {
        String id = UUID.randomUUID().toString();
        assertUnauthorized(withToken("GET", "/api/orchestrator/queue", null));
        assertUnauthorized(withToken("POST", "/api/orchestrator/demo/initialize", null));
        assertUnauthorized(withToken("GET", "/api/orchestrator/demo/status", null));
        assertUnauthorized(withToken("POST", "/api/orchestrator/executions/" + id + "/snooze", null));
        assertUnauthorized(withToken("POST", "/api/orchestrator/executions/" + id + "/skip", null));
        assertUnauthorized(withToken("POST", "/api/orchestrator/executions/" + id + "/escalate", null));
        assertUnauthorized(withToken("PATCH", "/api/orchestrator/executions/" + id + "/status", null));
        assertUnauthorized(withToken("GET", "/api/dashboard/today-workflows", null));
    }

    @Test
    void health_and_the_openapi_document_need_no_token() {
        assertThat(get("/health/live", null).status()).isEqualTo(200);
        assertThat(get("/health/ready", null).status()).isEqualTo(200);
        assertThat(get("/openapi.json", null).status()).isEqualTo(200);
    }

    @Test
    void a_secret_shorter_than_32_bytes_is_refused() {
        assertThatThrownBy(() -> HttpSettings.of(0, new byte[31])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new TokenMinter(new byte[16], clock)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settings_never_print_the_secret() {
        assertThat(HttpSettings.of(0, SECRET).toString()).doesNotContain(new String(SECRET, StandardCharsets.UTF_8));
    }
}
