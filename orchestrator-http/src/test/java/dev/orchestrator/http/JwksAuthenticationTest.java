package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** RS256 and ES256 tokens verified with keys from a JWKS URL (served locally here). */
class JwksAuthenticationTest extends ApiTestBase {

    private static final RSAKey RSA = generateRsa();
    private static final ECKey EC = generateEc();
    private HttpServer jwksServer;

    private static RSAKey generateRsa() {
        try {
            return new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generateEc() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected HttpSettings settings() {
        try {
            jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jwks = new JWKSet(java.util.List.of(RSA.toPublicJWK(), EC.toPublicJWK())).toString()
                .getBytes(StandardCharsets.UTF_8);
        jwksServer.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        jwksServer.start();
        URI url = URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks.json");
        return HttpSettings.of(0, SECRET).withJwksUrl(url);
    }

    @AfterAll
    void stopJwks() {
        jwksServer.stop(0);
    }

    private String token(JWSAlgorithm alg, String kid, com.nimbusds.jose.JWSSigner signer) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(world.csm.id().toString()).audience("authenticated")
                .expirationTime(Date.from(clock.instant().plusSeconds(300))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    @Test
    void rs256_and_es256_tokens_with_published_keys_get_in() throws Exception {
        assertThat(withToken("GET", "/api/orchestrator/queue",
                "Bearer " + token(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(RSA))).status()).isEqualTo(200);
        assertThat(withToken("GET", "/api/orchestrator/queue",
                "Bearer " + token(JWSAlgorithm.ES256, "ec-1", new ECDSASigner(EC))).status()).isEqualTo(200);
    }

    @Test
    void a_token_signed_with_an_unpublished_key_is_401() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        assertProblem(withToken("GET", "/api/orchestrator/queue",
                "Bearer " + token(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(stranger))), 401);
    }

    @Test
    void hs256_still_works_beside_the_jwks() {
        assertThat(get("/api/orchestrator/queue", world.csm).status()).isEqualTo(200);
    }
}
