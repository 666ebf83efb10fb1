package dev.orchestrator.http;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Verifies bearer tokens. The accepted algorithms are fixed here, never taken from the token's
 * header: HS256 with the configured secret, and RS256/ES256 with keys from the configured JWKS URL
 * (only if one is configured). Unsigned tokens ({@code alg=none}) are always refused.
 */
final class TokenVerifier {

    private static final Set<JWSAlgorithm> JWKS_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    TokenVerifier(HttpSettings settings, Clock clock) {
        JWSKeySelector<SecurityContext> hmac =
                new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(settings.jwtSecret()));
        JWSKeySelector<SecurityContext> jwks = settings.jwksUrl()
                .<JWSKeySelector<SecurityContext>>map(url -> new JWSVerificationKeySelector<>(JWKS_ALGORITHMS,
                        JWKSourceBuilder.<SecurityContext>create(toUrl(url)).build()))
                .orElse(null);
        processor.setJWSKeySelector((header, context) -> {
            if (JWSAlgorithm.HS256.equals(header.getAlgorithm())) {
                return hmac.selectJWSKeys(header, context);
            }
            if (jwks != null && JWKS_ALGORITHMS.contains(header.getAlgorithm())) {
                return jwks.selectJWSKeys(header, context);
            }
            return List.of();
        });
        DefaultJWTClaimsVerifier<SecurityContext> claims =
                new DefaultJWTClaimsVerifier<>(settings.audience(), null, Set.of("exp", "sub")) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(clock.instant());
                    }
                };
        claims.setMaxClockSkew((int) settings.leeway().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** The verified token's subject; an {@link ApiProblem} 401 for anything else. */
    String subjectOf(String token) {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            return claims.getSubject();
        } catch (ParseException e) {
            throw ApiProblem.unauthorized("the bearer token is not a well-formed JWT");
        } catch (BadJOSEException e) {
            throw ApiProblem.unauthorized("the bearer token was rejected: " + e.getMessage());
        } catch (com.nimbusds.jose.JOSEException e) {
            throw ApiProblem.unauthorized("the bearer token could not be verified");
        }
    }

    private static java.net.URL toUrl(URI uri) {
        try {
            return uri.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the JWKS URL is not a URL: " + uri, e);
        }
    }
}
