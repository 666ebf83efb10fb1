package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.IDEMPOTENCY_KEYS;

import dev.orchestrator.core.application.port.out.IdempotencyRecords;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import java.time.Instant;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * Idempotency records in {@code idempotency_keys}. A claim is an {@code INSERT ... ON CONFLICT DO
 * NOTHING}: the primary key (organization, caller, key) lets exactly one of two racing requests in.
 */
final class JooqIdempotencyRecords implements IdempotencyRecords {

    private final DSLContext sql;

    JooqIdempotencyRecords(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public Claim claim(OrganizationId organization, ProfileId caller, String key, String requestHash, Instant now,
            Instant expiredBefore) {
        sql.deleteFrom(IDEMPOTENCY_KEYS).where(of(organization, caller, key))
                .and(IDEMPOTENCY_KEYS.CREATED_AT.lt(Codes.timestamp(expiredBefore))).execute();
        int inserted = sql.insertInto(IDEMPOTENCY_KEYS, IDEMPOTENCY_KEYS.ORGANIZATION_ID, IDEMPOTENCY_KEYS.CALLER_ID,
                        IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY, IDEMPOTENCY_KEYS.REQUEST_HASH, IDEMPOTENCY_KEYS.CREATED_AT)
                .values(organization.value(), caller.value(), key, requestHash, Codes.timestamp(now))
                .onConflictDoNothing()
                .execute();
        if (inserted == 1) {
            return new Claim.Claimed();
        }
        var stored = sql.selectFrom(IDEMPOTENCY_KEYS).where(of(organization, caller, key)).fetchOne();
        if (stored == null) {
            // Released between our insert and our read: try once more.
            return claim(organization, caller, key, requestHash, now, expiredBefore);
        }
        if (!stored.getRequestHash().equals(requestHash)) {
            return new Claim.Mismatch();
        }
        if (stored.getStatus() == null) {
            return new Claim.InProgress();
        }
        return new Claim.Answered(stored.getStatus(), stored.getContentType(), stored.getBody());
    }

    @Override
    public void complete(OrganizationId organization, ProfileId caller, String key, int status, String contentType,
            byte[] body) {
        sql.update(IDEMPOTENCY_KEYS)
                .set(IDEMPOTENCY_KEYS.STATUS, status)
                .set(IDEMPOTENCY_KEYS.CONTENT_TYPE, contentType)
                .set(IDEMPOTENCY_KEYS.BODY, body)
                .where(of(organization, caller, key))
                .execute();
    }

    @Override
    public void release(OrganizationId organization, ProfileId caller, String key) {
        sql.deleteFrom(IDEMPOTENCY_KEYS).where(of(organization, caller, key)).and(IDEMPOTENCY_KEYS.STATUS.isNull())
                .execute();
    }

    private static Condition of(OrganizationId organization, ProfileId caller, String key) {
        return IDEMPOTENCY_KEYS.ORGANIZATION_ID.eq(organization.value())
                .and(IDEMPOTENCY_KEYS.CALLER_ID.eq(caller.value()))
                .and(IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY.eq(key));
    }
}
