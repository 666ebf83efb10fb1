package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.port.in.RememberAnswers;
import dev.orchestrator.core.application.port.out.IdempotencyRecords;
import dev.orchestrator.core.application.port.out.IdempotencyRecords.Claim;
import dev.orchestrator.core.domain.access.Profile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** {@link RememberAnswers} on the store's records, on the injected clock. */
public final class AnswerService implements RememberAnswers {

    private final IdempotencyRecords records;
    private final Clock clock;

    public AnswerService(IdempotencyRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    @Override
    public Claim claim(Profile caller, String key, String requestHash) {
        Instant now = clock.instant();
        return records.claim(caller.organizationId(), caller.id(), key, requestHash, now,
                now.minus(Duration.ofHours(RETENTION_HOURS)));
    }

    @Override
    public void complete(Profile caller, String key, int status, String contentType, byte[] body) {
        records.complete(caller.organizationId(), caller.id(), key, status, contentType, body);
    }

    @Override
    public void release(Profile caller, String key) {
        records.release(caller.organizationId(), caller.id(), key);
    }
}
