package dev.orchestrator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SignInCodesTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-02T09:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final SignInCodes codes = new SignInCodes(clock, Duration.ofMinutes(10));

    @Test
    void aCodeRedeemsToItsTokenExactlyOnce() {
        String code = codes.issue("token-a");
        String other = codes.issue("token-b");

        assertThat(codes.redeem(code)).contains("token-a");
        assertThat(codes.redeem(code)).as("a used link opens nothing").isEmpty();
        assertThat(codes.redeem(other)).contains("token-b");
        assertThat(codes.redeem("not-a-code")).isEmpty();
        assertThat(codes.redeem(null)).isEmpty();
    }

    @Test
    void aCodeExpiresAfterItsLifetime() {
        String early = codes.issue("token-a");
        String late = codes.issue("token-b");
        now.set(now.get().plus(Duration.ofMinutes(10).minusSeconds(1)));
        assertThat(codes.redeem(early)).contains("token-a");
        now.set(now.get().plusSeconds(1));
        assertThat(codes.redeem(late)).as("at exactly ten minutes").isEmpty();
    }

    @Test
    void codesAreUnguessableAndUrlSafe() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String code = codes.issue("t");
            assertThat(code).matches("[A-Za-z0-9_-]{43}");
            assertThat(seen.add(code)).isTrue();
        }
        assertThatThrownBy(() -> new SignInCodes(clock, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}
