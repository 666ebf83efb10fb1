package dev.orchestrator.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;

/**
 * Mints HS256 bearer tokens the service accepts: {@code sub} = a profile id, {@code aud}, {@code iat}
 * and {@code exp}. For development, demos and tests (the CLI's {@code token} command); production
 * tokens come from the identity provider.
 */
public final class TokenMinter {

    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private final MACSigner signer;
    private final Clock clock;

    public TokenMinter(byte[] secret, Clock clock) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < HttpSettings.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the JWT secret must be at least " + HttpSettings.MIN_SECRET_BYTES + " bytes");
        }
        try {
            this.signer = new MACSigner(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable HS256 secret: " + e.getMessage(), e);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A token for {@code profileId}, audience {@value HttpSettings#DEFAULT_AUDIENCE}, valid for one hour. */
    public String mint(UUID profileId) {
        return mint(profileId, HttpSettings.DEFAULT_AUDIENCE, DEFAULT_LIFETIME);
    }

    /** A token for {@code subject} (normally a profile id) and {@code audience}, valid for {@code lifetime}. */
    public String mint(UUID subject, String audience, Duration lifetime) {
        return mint(subject.toString(), audience, lifetime);
    }

    /** As {@link #mint(UUID, String, Duration)} with any subject text; a negative lifetime gives an expired token. */
    public String mint(String subject, String audience, Duration lifetime) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
        return jwt.serialize();
    }
}
