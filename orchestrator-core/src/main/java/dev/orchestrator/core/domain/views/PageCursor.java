package dev.orchestrator.core.domain.views;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The opaque {@code cursor} of a paged read: where the next page starts, bound to the query it came
 * from. It carries a digest of the query's fingerprint (filters and order, not the page size) and a
 * check digest over all of it, so that a cursor of another query, or one altered or truncated, is
 * refused rather than silently continuing somewhere else. It need not be secret: visibility is applied
 * anew on every page, so a forged position can only move within what the caller may see anyway.
 */
public final class PageCursor {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String VERSION = "1";

    private PageCursor() {
    }

    /** What reading a cursor gave. */
    public sealed interface Read {
    }

    public record Continue(ListSort.Position position) implements Read {
    }

    /** Not a cursor this service wrote, or altered since. */
    public record Malformed() implements Read {
    }

    /** A cursor of another query (other filters or another order). */
    public record OtherQuery() implements Read {
    }

    public static String encode(String fingerprint, ListSort.Position position) {
        String body = VERSION + "." + digest(fingerprint, 12) + "." + (position.key() == null ? "-" : position.key())
                + "." + position.id();
        return ENCODER.encodeToString((body + "." + digest(body, 8)).getBytes(StandardCharsets.UTF_8));
    }

    public static Read decode(String cursor, String fingerprint) {
        String text;
        try {
            text = new String(DECODER.decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Malformed();
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 5 || !parts[0].equals(VERSION)) {
            return new Malformed();
        }
        String body = String.join(".", parts[0], parts[1], parts[2], parts[3]);
        if (!MessageDigest.isEqual(digest(body, 8).getBytes(StandardCharsets.UTF_8),
                parts[4].getBytes(StandardCharsets.UTF_8))) {
            return new Malformed();
        }
        if (!parts[1].equals(digest(fingerprint, 12))) {
            return new OtherQuery();
        }
        try {
            Long key = parts[2].equals("-") ? null : Long.valueOf(parts[2]);
            return new Continue(new ListSort.Position(key, UUID.fromString(parts[3])));
        } catch (IllegalArgumentException e) {
            return new Malformed();
        }
    }

    /** The first {@code bytes} bytes of the SHA-256 of {@code text}, in hex. */
    private static String digest(String text, int bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
