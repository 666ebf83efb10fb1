package dev.orchestrator.http;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * How the HTTP service listens and whom it believes.
 *
 * @param port            TCP port; 0 picks a free one (see {@link HttpApi#start()})
 * @param jwtSecret       the HS256 secret tokens are signed with; at least 32 bytes
 * @param jwksUrl         where to fetch public keys for RS256/ES256 tokens, if such tokens are accepted
 * @param audience        the {@code aud} a token must carry
 * @param leeway          clock skew tolerated on {@code exp} and {@code nbf}
 * @param shutdownTimeout how long {@link HttpApi#stop()} waits for in-flight requests
 * @param jwtKeyId        the key id ({@code kid}) of the HS256 secret: when set, an HS256 token with a
 *                        {@code kid} header must name it; when empty, a {@code kid} is ignored
 * @param issuer          the {@code iss} a token must carry, when set (an identity provider's URL, say);
 *                        when empty, any issuer is accepted
 * @param host            the address to listen on: {@value #ANY_HOST} for every interface, or one
 *                        interface's address or name ({@code 127.0.0.1} for this machine only)
 */
public record HttpSettings(int port, byte[] jwtSecret, Optional<URI> jwksUrl, String audience, Duration leeway,
        Duration shutdownTimeout, Optional<String> jwtKeyId, Optional<String> issuer, String host) {

    /** Every interface. */
    public static final String ANY_HOST = "0.0.0.0";
    /** This machine only. */
    public static final String LOOPBACK_HOST = "127.0.0.1";

    public static final int MIN_SECRET_BYTES = 32;
    public static final String DEFAULT_AUDIENCE = "authenticated";
    public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(60);
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    public HttpSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be from 0 to 65535, got " + port);
        }
        Objects.requireNonNull(jwtSecret, "jwtSecret");
        if (jwtSecret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the JWT secret must be at least " + MIN_SECRET_BYTES
                    + " bytes (HS256 needs a 256-bit key), got " + jwtSecret.length);
        }
        jwtSecret = jwtSecret.clone();
        jwksUrl = jwksUrl == null ? Optional.empty() : jwksUrl;
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("the expected audience must not be blank");
        }
        Objects.requireNonNull(leeway, "leeway");
        if (leeway.isNegative()) {
            throw new IllegalArgumentException("leeway must not be negative");
        }
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        jwtKeyId = jwtKeyId == null ? Optional.empty() : jwtKeyId.filter(id -> !id.isBlank());
        issuer = issuer == null ? Optional.empty() : issuer.filter(id -> !id.isBlank());
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the host to listen on must not be blank");
        }
    }

    /** HS256 with {@code jwtSecret}, audience {@value #DEFAULT_AUDIENCE}, 60 s leeway, no JWKS. */
    public static HttpSettings of(int port, byte[] jwtSecret) {
        return new HttpSettings(port, jwtSecret, Optional.empty(), DEFAULT_AUDIENCE, DEFAULT_LEEWAY,
                DEFAULT_SHUTDOWN_TIMEOUT, Optional.empty(), Optional.empty(), ANY_HOST);
    }

    public HttpSettings withJwksUrl(URI url) {
        return new HttpSettings(port, jwtSecret, Optional.of(url), audience, leeway, shutdownTimeout, jwtKeyId, issuer, host);
    }

    public HttpSettings withAudience(String expectedAudience) {
        return new HttpSettings(port, jwtSecret, jwksUrl, expectedAudience, leeway, shutdownTimeout, jwtKeyId, issuer, host);
    }

    public HttpSettings withShutdownTimeout(Duration timeout) {
        return new HttpSettings(port, jwtSecret, jwksUrl, audience, leeway, timeout, jwtKeyId, issuer, host);
    }

    /** HS256 tokens that carry a {@code kid} must carry this one (identity providers name their keys). */
    public HttpSettings withJwtKeyId(String keyId) {
        return new HttpSettings(port, jwtSecret, jwksUrl, audience, leeway, shutdownTimeout, Optional.ofNullable(keyId), issuer,
                host);
    }

    /** Tokens must carry this {@code iss} (null: any issuer). */
    public HttpSettings withIssuer(String expectedIssuer) {
        return new HttpSettings(port, jwtSecret, jwksUrl, audience, leeway, shutdownTimeout, jwtKeyId,
                Optional.ofNullable(expectedIssuer), host);
    }

    /** Listen on this address only ({@value #ANY_HOST}: every interface). */
    public HttpSettings withHost(String address) {
        return new HttpSettings(port, jwtSecret, jwksUrl, audience, leeway, shutdownTimeout, jwtKeyId, issuer, address);
    }

    /** A copy: the secret is never handed out for writing. */
    @Override
    public byte[] jwtSecret() {
        return jwtSecret.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpSettings that && port == that.port && Arrays.equals(jwtSecret, that.jwtSecret)
                && jwksUrl.equals(that.jwksUrl) && audience.equals(that.audience) && leeway.equals(that.leeway)
                && shutdownTimeout.equals(that.shutdownTimeout) && jwtKeyId.equals(that.jwtKeyId)
                && issuer.equals(that.issuer) && host.equals(that.host);
    }

    @Override
    public int hashCode() {
        return Objects.hash(port, Arrays.hashCode(jwtSecret), jwksUrl, audience, leeway, shutdownTimeout, jwtKeyId, issuer,
                host);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "HttpSettings[port=" + port + ", jwtSecret=(" + jwtSecret.length + " bytes), jwksUrl=" + jwksUrl
                + ", audience=" + audience + ", leeway=" + leeway + ", shutdownTimeout=" + shutdownTimeout + ", jwtKeyId="
                + jwtKeyId + ", issuer=" + issuer + ", host=" + host + "]";
    }
}
