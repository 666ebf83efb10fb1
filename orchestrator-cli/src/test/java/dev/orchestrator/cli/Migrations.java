package dev.orchestrator.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What the migrations module holds, so that tests do not hard-code how many migrations there are. */
final class Migrations {

    private static final Path DIRECTORY = Path.of("..", "migrations", "src", "main", "resources", "db", "migration");

    private Migrations() {
    }

    static long count() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.+\\.sql")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
