package dev.orchestrator.http;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Strict UUID text: the canonical 8-4-4-4-12 hex form only ({@link UUID#fromString} accepts more). */
final class Uuids {

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Uuids() {
    }

    static Optional<UUID> parse(String text) {
        if (text == null || !CANONICAL.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(text));
    }
}
