package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.RememberAnswers;
import dev.orchestrator.core.application.port.out.IdempotencyRecords.Claim;
import dev.orchestrator.core.domain.access.Profile;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on every POST: a retried request with the same key and the same method,
 * path and body gets the first answer (with {@code Idempotent-Replayed: true}) and the work is not
 * done again; the same key with another request is a 422; a key whose first request is still
 * running is a 409 with {@code Retry-After}. Only successful answers (2xx) are remembered: a
 * request that failed did nothing, so its retry is simply tried again.
 */
final class Idempotency {

    static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1," + RememberAnswers.MAX_KEY_LENGTH + "}");

    private final RememberAnswers answers;

    Idempotency(RememberAnswers answers) {
        this.answers = answers;
    }

    /** {@code handler}, made idempotent for requests that carry a key (the body is hashed as read). */
    Handler wrap(Handler handler) {
        return ctx -> {
            String key = key(ctx);
            if (key == null) {
                handler.handle(ctx);
                return;
            }
            run(ctx, key, fingerprint(ctx, ctx.bodyAsBytes()), handler);
        };
    }

    /** The key of the request, checked; null without one. */
    static String key(Context ctx) {
        String key = ctx.header(HEADER);
        if (key == null) {
            return null;
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiProblem.invalid(HEADER, "must be 1 to " + RememberAnswers.MAX_KEY_LENGTH
                    + " printable ASCII characters without spaces (a UUID is a good key)");
        }
        return key;
    }

    /** SHA-256 of method, path and body: what "the same request" means. */
    static String fingerprint(Context ctx, byte[] body) {
        MessageDigest digest = sha256();
        digest.update((ctx.method().name() + " " + ctx.path() + "\n").getBytes(StandardCharsets.UTF_8));
        digest.update(body);
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Runs {@code handler} under {@code key} for a request whose fingerprint is {@code hash}. */
    void run(Context ctx, String key, String hash, Handler handler) throws Exception {
        Profile caller = Authentication.caller(ctx);
        Claim claim = answers.claim(caller, key, hash);
        if (claim instanceof Claim.Answered answered) {
            ctx.status(answered.status()).contentType(answered.contentType()).result(answered.body());
            ctx.header("Idempotent-Replayed", "true");
            return;
        }
        if (claim instanceof Claim.Mismatch) {
            throw ApiProblem.status(422, "Unprocessable Content", "the " + HEADER
                    + " was already used for another request (another route or body); use a new key");
        }
        if (claim instanceof Claim.InProgress) {
            throw ApiProblem.status(409, "Conflict", "a request with this " + HEADER + " is still in progress")
                    .withHeaders(Map.of("Retry-After", "1"));
        }
        boolean completed = false;
        try {
            handler.handle(ctx);
            int status = ctx.statusCode();
            if (status >= 200 && status < 300) {
                byte[] body = result(ctx);
                answers.complete(caller, key, status, ctx.res().getContentType(), body);
                completed = true;
            }
        } finally {
            if (!completed) {
                answers.release(caller, key);
            }
        }
    }

    /** The answer's body (read, then put back for sending). */
    private static byte[] result(Context ctx) {
        InputStream stream = ctx.resultInputStream();
        if (stream == null) {
            return new byte[0];
        }
        try {
            byte[] body = stream.readAllBytes();
            ctx.result(body);
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
