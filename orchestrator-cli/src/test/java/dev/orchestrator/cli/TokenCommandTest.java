package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@WithPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenCommandTest {

    static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";
    static final String CSM = "d0000000-0000-0000-0001-000000000003";

    private final TestDatabase db;

    TokenCommandTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeAll
    void seed() {
        assertThat(Cli.on(db).run("seed", "demo").exitCode()).isZero();
    }

    @Test
    void printsAVerifiableTokenForTheProfile() throws Exception {
        Cli.Run run = Cli.on(db).env("ORCHESTRATOR_JWT_SECRET", SECRET).run("token", "--profile", CSM, "--ttl", "2h");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        SignedJWT jwt = SignedJWT.parse(run.out().strip());
        assertThat(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(CSM);
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("authenticated");
        assertThat(Duration.between(Instant.now(), jwt.getJWTClaimsSet().getExpirationTime().toInstant()))
                .isBetween(Duration.ofMinutes(119), Duration.ofMinutes(121));
    }

    @Test
    void theFlagWinsOverTheVariable() throws Exception {
        String flagSecret = "another-secret-given-as-a-flag-0123456789";
        Cli.Run run = Cli.on(db).env("ORCHESTRATOR_JWT_SECRET", SECRET)
                .run("token", "--profile", CSM, "--jwt-secret", flagSecret);

        assertThat(run.exitCode()).isZero();
        assertThat(SignedJWT.parse(run.out().strip())
                .verify(new MACVerifier(flagSecret.getBytes(StandardCharsets.UTF_8)))).isTrue();
    }

    @Test
    void aShortOrMissingSecretIsAUsageErrorThatNeverShowsTheSecret() {
        Cli.Run shortSecret = Cli.on(db).env("ORCHESTRATOR_JWT_SECRET", "too-short-secret").run("token", "--profile", CSM);
        assertThat(shortSecret.exitCode()).isEqualTo(2);
        assertThat(shortSecret.err()).contains("--jwt-secret (ORCHESTRATOR_JWT_SECRET): must be at least 32 bytes, got 16")
                .doesNotContain("too-short-secret");

        Cli.Run none = Cli.on(db).run("token", "--profile", CSM);
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--jwt-secret (ORCHESTRATOR_JWT_SECRET): required");
    }

    @Test
    void theProfileMustExist() {
        UUID nobody = UUID.randomUUID();
        Cli.Run run = Cli.on(db).env("ORCHESTRATOR_JWT_SECRET", SECRET).run("token", "--profile", nobody.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--profile: there is no profile " + nobody);

        Cli.Run bad = Cli.on(db).env("ORCHESTRATOR_JWT_SECRET", SECRET).run("token", "--profile", "me", "--ttl", "8x");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--profile: 'me' is not a UUID");
    }
}
