package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.application.port.out.IdempotencyRecords.Claim;
import dev.orchestrator.core.domain.access.Profile;

/**
 * Idempotency keys: a client that retries a request (after a timeout, a dropped connection) with
 * the same key and body gets the first answer, and the work is done once. Keys are the caller's own
 * and are remembered for {@link #RETENTION_HOURS} hours.
 */
public interface RememberAnswers {

    int RETENTION_HOURS = 24;

    /** At most this many characters, printable ASCII. */
    int MAX_KEY_LENGTH = 255;

    Claim claim(Profile caller, String key, String requestHash);

    void complete(Profile caller, String key, int status, String contentType, byte[] body);

    void release(Profile caller, String key);
}
