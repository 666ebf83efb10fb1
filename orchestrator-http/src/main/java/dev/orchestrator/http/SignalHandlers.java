package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.IngestSignals;
import dev.orchestrator.core.application.port.in.IngestSignals.Line;
import io.javalin.http.Context;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * {@code PATCH /api/customers/{id}/signals} and {@code POST /api/signals:batch}. A batch is read
 * line by line from the request as it arrives (one line in memory at a time) and applied in chunks
 * by the core; with an {@code Idempotency-Key} it is first spooled to a temporary file, because the
 * key's fingerprint needs the whole body before any line may be applied.
 */
final class SignalHandlers {

    static final String BATCH_PATH = "/api/signals:batch";
    /** The largest batch body accepted. */
    static final long MAX_BATCH_BYTES = 512L * 1024 * 1024;
    /** The longest line of a batch. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    private final IngestSignals signals;
    private final Idempotency idempotency;

    SignalHandlers(IngestSignals signals, Idempotency idempotency) {
        this.signals = signals;
        this.idempotency = idempotency;
    }

    void update(Context ctx) {
        QueryParameters.only(ctx);
        IngestSignals.Applied applied = Responses.valueOf(signals.update(Authentication.caller(ctx),
                CustomerHandlers.id(ctx), JsonBody.object(ctx)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("customer_id", applied.customer().toString());
        json.put("work", CatalogRepresentations.changes(applied.changes()));
        Responses.json(ctx, 200, json);
    }

    void batch(Context ctx) throws Exception {
        QueryParameters.only(ctx);
        String key = Idempotency.key(ctx);
        if (key == null) {
            try (InputStream in = ctx.req().getInputStream()) {
                answer(ctx, in);
            }
            return;
        }
        Path spooled = Files.createTempFile("orchestrator-signals-", ".ndjson");
        try {
            MessageDigest digest = Idempotency.sha256();
            try (InputStream in = ctx.req().getInputStream();
                 OutputStream out = new DigestOutputStream(Files.newOutputStream(spooled), digest)) {
                copyBounded(in, out);
            }
            String hash = Idempotency.fingerprint(ctx, HexFormat.of().formatHex(digest.digest())
                    .getBytes(StandardCharsets.UTF_8));
            idempotency.run(ctx, key, hash, c -> {
                try (InputStream in = Files.newInputStream(spooled)) {
                    answer(c, in);
                }
            });
        } finally {
            Files.deleteIfExists(spooled);
        }
    }

    private void answer(Context ctx, InputStream body) {
        IngestSignals.BatchReport report = Responses.valueOf(signals.batch(Authentication.caller(ctx),
                new Lines(new BufferedInputStream(body, 64 * 1024))));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("lines", report.lines());
        json.put("applied", report.applied());
        json.put("rejected", report.rejected());
        json.put("created", report.created());
        json.put("rescored", report.rescored());
        json.put("problems", report.problems().stream().map(p -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("line", p.line());
            item.put("field", p.field());
            item.put("reason", p.reason());
            return item;
        }).toList());
        json.put("problems_truncated", report.rejected() > report.problems().size());
        Responses.json(ctx, 200, json);
    }

    private static void copyBounded(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > MAX_BATCH_BYTES) {
                throw ApiProblem.contentTooLarge("a batch may have at most " + MAX_BATCH_BYTES + " bytes");
            }
            out.write(buffer, 0, n);
        }
    }

    /** The body's lines as the core reads them: each a JSON object, or the reason it is not; blank lines skipped. */
    private static final class Lines implements Iterator<Line> {
        private final InputStream in;
        private long number;
        private long bytes;
        private Line next;
        private boolean done;

        Lines(InputStream in) {
            this.in = in;
        }

        @Override
        public boolean hasNext() {
            while (next == null && !done) {
                next = read();
            }
            return next != null;
        }

        @Override
        public Line next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Line line = next;
            next = null;
            return line;
        }

        /** The next line, null for a blank one (or the end). */
        private Line read() {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean tooLong = false;
            try {
                for (int b; ; ) {
                    b = in.read();
                    if (b < 0) {
                        done = true;
                        break;
                    }
                    if (++bytes > MAX_BATCH_BYTES) {
                        throw ApiProblem.contentTooLarge("a batch may have at most " + MAX_BATCH_BYTES + " bytes");
                    }
                    if (b == '\n') {
                        break;
                    }
                    if (line.size() < MAX_LINE_BYTES) {
                        line.write(b);
                    } else {
                        tooLong = true;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the request body could not be read", e);
            }
            if (line.size() == 0 && !tooLong && done) {
                return null;
            }
            number++;
            if (tooLong) {
                return Line.unreadable(number, "is longer than " + MAX_LINE_BYTES + " bytes");
            }
            byte[] raw = line.toByteArray();
            if (isBlank(raw)) {
                return null;
            }
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw));
                return Line.of(number, JsonBody.objectOf(raw));
            } catch (CharacterCodingException e) {
                return Line.unreadable(number, "is not valid UTF-8");
            } catch (ApiProblem problem) {
                return Line.unreadable(number, problem.errors.isEmpty() ? problem.detail()
                        : problem.errors.get(0).field() + " " + problem.errors.get(0).message());
            }
        }

        private static boolean isBlank(byte[] raw) {
            for (byte b : raw) {
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }
    }
}
