package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** A configured issuer and audience (an identity provider's): tokens must carry exactly those. */
class IssuerAndAudienceTest extends ApiTestBase {

    private static final String ISSUER = "https://idp.example.com/tenant-1/";
    private static final String AUDIENCE = "orchestrator-api";

    @Override
    protected HttpSettings settings() {
        return HttpSettings.of(0, SECRET).withIssuer(ISSUER).withAudience(AUDIENCE);
    }

    private String token(String issuer, String audience) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(world.csm.id().toString()).audience(audience)
                .expirationTime(Date.from(clock.instant().plusSeconds(300)));
        if (issuer != null) {
            claims.issuer(issuer);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        jwt.sign(new MACSigner(SECRET));
        return "Bearer " + jwt.serialize();
    }

    @Test
    void a_token_of_the_configured_issuer_and_audience_gets_in() throws Exception {
        assertThat(withToken("GET", "/api/orchestrator/queue", token(ISSUER, AUDIENCE)).status()).isEqualTo(200);
    }

    @Test
    void another_issuer_is_401() throws Exception {
        assertProblem(withToken("GET", "/api/orchestrator/queue", token("https://evil.example.com/", AUDIENCE)), 401);
    }

    @Test
    void no_issuer_is_401_when_one_is_configured() throws Exception {
        assertProblem(withToken("GET", "/api/orchestrator/queue", token(null, AUDIENCE)), 401);
    }

    @Test
    void the_default_audience_is_401_when_another_is_configured() throws Exception {
        assertProblem(withToken("GET", "/api/orchestrator/queue", token(ISSUER, HttpSettings.DEFAULT_AUDIENCE)), 401);
    }
}
