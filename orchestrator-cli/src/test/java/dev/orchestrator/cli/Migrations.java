package dev.orchestrator.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** How many migrations the product has (the files of the migrations module), so that tests need no fixed number. */
final class Migrations {

    private Migrations() {}

    static long count() {
        try (Stream<Path> files = Files.list(Path.of("..", "migrations", "src", "main", "resources", "db", "migration"))) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
