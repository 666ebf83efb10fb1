package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import java.time.Instant;

/**
 * The first answer to each request that carried an idempotency key, per caller, so that a retry
 * gets that answer instead of doing the work twice. {@link #claim} is atomic: of two concurrent
 * requests with one key, one claims it and the other sees it in progress.
 */
public interface IdempotencyRecords {

    /** What a claim found. */
    sealed interface Claim {
        /** The key is new (or its record expired): the caller does the work, then completes or releases. */
        record Claimed() implements Claim {
        }

        /** The key was used for this very request: here is the answer it got. */
        record Answered(int status, String contentType, byte[] body) implements Claim {
        }

        /** The key was used for another request (another body or route). */
        record Mismatch() implements Claim {
        }

        /** A request with this key is still being worked on. */
        record InProgress() implements Claim {
        }
    }

    /** Claims {@code key} for the request whose fingerprint is {@code requestHash}; records older than {@code expiredBefore} are forgotten. */
    Claim claim(OrganizationId organization, ProfileId caller, String key, String requestHash, Instant now,
            Instant expiredBefore);

    /** Records the answer of a claimed key. */
    void complete(OrganizationId organization, ProfileId caller, String key, int status, String contentType, byte[] body);

    /** Gives a claimed key up (the work failed unexpectedly): a retry may do it again. */
    void release(OrganizationId organization, ProfileId caller, String key);
}
