package dev.orchestrator.dashboard;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One-time sign-in links: {@code serve --demo} mints a bearer token, {@link #issue}s a code for it and
 * prints {@code /sign-in#code=CODE}. The page posts the code (read from the URL fragment, which never
 * reaches the server or its logs) and gets the token back exactly once: {@link #redeem} removes the
 * code, so a link that was used, or that is older than its lifetime, opens nothing. The token itself
 * never appears in a URL. Codes live in this process's memory only: a restart voids them.
 */
public final class SignInCodes {

    /** How long a printed link stays usable. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(10);

    private record Pending(String token, Instant expiresAt) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration lifetime;

    public SignInCodes(Clock clock, Duration lifetime) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a sign-in code must live a positive time, got " + lifetime);
        }
    }

    /** A new code (256 random bits, URL-safe) that {@link #redeem}s once to {@code token}. */
    public String issue(String token) {
        Objects.requireNonNull(token, "token");
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        pending.put(code, new Pending(token, clock.instant().plus(lifetime)));
        dropExpired();
        return code;
    }

    /** The token of a live code, once; empty for an unknown, used or expired code. */
    public Optional<String> redeem(String code) {
        if (code == null) {
            return Optional.empty();
        }
        Pending found = pending.remove(code);
        if (found == null || !clock.instant().isBefore(found.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(found.token());
    }

    private void dropExpired() {
        Instant now = clock.instant();
        pending.values().removeIf(p -> !now.isBefore(p.expiresAt()));
    }
}
