package dev.orchestrator.cli;

import java.util.UUID;

final class UuidOptions {

    private UuidOptions() {}

    static UUID parse(String option, String text) {
        if (text != null && text.strip().matches("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            return UUID.fromString(text.strip());
        }
        throw CliFailure.usage(option + ": '" + text + "' is not a UUID");
    }
}
