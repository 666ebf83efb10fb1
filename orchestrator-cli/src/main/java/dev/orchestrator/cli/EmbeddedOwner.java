package dev.orchestrator.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Which orchestrator process runs the embedded PostgreSQL of a data directory, in a file beside it
 * ({@code pgdata.owner}: the JVM's process id). PostgreSQL detaches from the process that starts it, so
 * when that process is killed (kill -9, a second Ctrl-C, an out-of-memory kill) the server keeps running
 * on its own and holds the data directory: every later command would fail with "postmaster.pid already
 * exists". Before starting, a server whose owner is gone is such a leftover and is stopped; one whose
 * owner still runs is in use, and the command says by whom.
 */
final class EmbeddedOwner {

    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private EmbeddedOwner() {}

    static Path file(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + ".owner");
    }

    /** Stops a leftover server on {@code dataDir}; refuses (exit 1) when its owner still runs. */
    static void clearLeftover(Path dataDir, PrintWriter err) {
        Optional<ProcessHandle> postmaster = readPid(dataDir.resolve("postmaster.pid")).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true));
        if (postmaster.isEmpty()) {
            return; // none running (a stale postmaster.pid is PostgreSQL's own business: it checks the pid)
        }
        Optional<ProcessHandle> owner = readPid(file(dataDir)).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> p.pid() != ProcessHandle.current().pid());
        if (owner.isPresent()) {
            throw CliFailure.failure("The embedded PostgreSQL in " + dataDir + " is in use by another orchestrator "
                    + "process (pid " + owner.get().pid() + "; is `serve` running?): stop it first, or give this "
                    + "command its own --data-dir, or run both against one PostgreSQL with --db-url (or "
                    + DatabaseOptions.URL_VARIABLE + ")");
        }
        ProcessHandle server = postmaster.get();
        err.println("Stopping the embedded PostgreSQL left running in " + dataDir + " (pid " + server.pid()
                + ") by an orchestrator process that was killed.");
        err.flush();
        server.destroy(); // SIGTERM: PostgreSQL's smart shutdown (its owner, and so its clients, are gone)
        try {
            server.onExit().get(STOP_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw CliFailure.failure("The embedded PostgreSQL left running in " + dataDir + " (pid " + server.pid()
                    + ") did not stop within " + STOP_WAIT.toSeconds() + " s: stop it (kill " + server.pid()
                    + ") and try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.failure("Interrupted while stopping the embedded PostgreSQL left running in " + dataDir);
        } catch (java.util.concurrent.ExecutionException e) {
            // onExit does not fail
        }
    }

    /** Records this process as the owner of {@code dataDir}'s server (best effort: a read-only home still works). */
    static void claim(Path dataDir) {
        try {
            Files.writeString(file(dataDir), ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            // Without the file a later leftover is reported as in use rather than stopped: still safe.
        }
    }

    /** Forgets the owner once the server stopped. */
    static void release(Path dataDir) {
        try {
            Files.deleteIfExists(file(dataDir));
        } catch (IOException e) {
            // harmless: an owner that no longer runs counts as gone
        }
    }

    private static Optional<Long> readPid(Path file) {
        try {
            String first = Files.readAllLines(file, StandardCharsets.US_ASCII).stream().findFirst().orElse("").strip();
            return Optional.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
