package dev.orchestrator.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.out.IdempotencyRecords;
import dev.orchestrator.core.application.port.out.IdempotencyRecords.Claim;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Contract of {@code IdempotencyRecords}: one claim per key and caller, the answer replayed, expiry. */
public abstract class IdempotencyRecordsContract extends PortContract {

    private static final Instant NOW = Instant.parse("2026-03-10T06:00:00Z");
    private static final Instant DAY_AGO = NOW.minus(Duration.ofDays(1));

    @Test
    void aKeyIsClaimedOnceThenReplaysItsAnswerToTheSameRequestOnly() {
        IdempotencyRecords records = fixture.ports().idempotency();
        byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);

        assertThat(records.claim(world.org, world.csm.id(), "k1", "hash-a", NOW, DAY_AGO)).isEqualTo(new Claim.Claimed());
        assertThat(records.claim(world.org, world.csm.id(), "k1", "hash-a", NOW, DAY_AGO)).isEqualTo(new Claim.InProgress());
        records.complete(world.org, world.csm.id(), "k1", 201, "application/json", body);

        assertThat(records.claim(world.org, world.csm.id(), "k1", "hash-a", NOW, DAY_AGO))
                .isInstanceOfSatisfying(Claim.Answered.class, a -> {
                    assertThat(a.status()).isEqualTo(201);
                    assertThat(a.contentType()).isEqualTo("application/json");
                    assertThat(a.body()).isEqualTo(body);
                });
        assertThat(records.claim(world.org, world.csm.id(), "k1", "hash-b", NOW, DAY_AGO)).isEqualTo(new Claim.Mismatch());
        // Keys are the caller's own.
        assertThat(records.claim(world.org, world.teammate.id(), "k1", "hash-b", NOW, DAY_AGO))
                .isEqualTo(new Claim.Claimed());
    }

    @Test
    void aReleasedOrExpiredKeyCanBeClaimedAgain() {
        IdempotencyRecords records = fixture.ports().idempotency();
        records.claim(world.org, world.csm.id(), "k2", "hash-a", NOW, DAY_AGO);
        records.release(world.org, world.csm.id(), "k2");
        assertThat(records.claim(world.org, world.csm.id(), "k2", "hash-b", NOW, DAY_AGO)).isEqualTo(new Claim.Claimed());
        records.complete(world.org, world.csm.id(), "k2", 200, "application/json", new byte[0]);

        Instant twoDaysLater = NOW.plus(Duration.ofDays(2));
        assertThat(records.claim(world.org, world.csm.id(), "k2", "hash-c", twoDaysLater,
                twoDaysLater.minus(Duration.ofDays(1)))).isEqualTo(new Claim.Claimed());
    }
}
