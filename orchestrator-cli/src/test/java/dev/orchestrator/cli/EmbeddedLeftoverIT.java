package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL outlives a killed orchestrator (PostgreSQL detaches from its starter): while
 * its owner runs, another command is refused naming the owner; once the owner is killed (-9), the next
 * command stops the leftover server and goes on. Real processes, real signals, the packaged jar.
 */
class EmbeddedLeftoverIT {

    private static final Path JAR = Path.of("target", "orchestrator.jar");

    @TempDir
    Path home;

    private Path dataDir() {
        return home.resolve("pgdata");
    }

    private ProcessBuilder jar(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("ORCHESTRATOR_DB_URL");
        builder.environment().put("ORCHESTRATOR_DATA_DIR", dataDir().toString());
        return builder;
    }

    private record Run(int exitCode, String out) {
    }

    private Run run(String... arguments) throws Exception {
        Process p = jar(arguments).redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private Optional<ProcessHandle> postmaster() throws Exception {
        Path pid = dataDir().resolve("postmaster.pid");
        if (!Files.exists(pid)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).strip())).filter(ProcessHandle::isAlive);
    }

    @AfterEach
    void stopAnyServerLeft() throws Exception {
        Optional<ProcessHandle> left = postmaster();
        if (left.isPresent()) {
            left.get().destroy();
            left.get().onExit().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aServerInUseIsRefusedNamingItsOwnerAndALeftoverIsStoppedByTheNextCommand() throws Exception {
        Path log = home.resolve("serve.log");
        Process serve = jar("serve", "--demo", "--port", "0", "--no-jobs").redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(log).contains("Serving the HTTP API")) {
                assertThat(serve.isAlive()).as(Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("serve started in time").isLessThan(deadline);
                Thread.sleep(200);
            }

            Run refused = run("migrate");
            assertThat(refused.exitCode()).as(refused.out()).isEqualTo(1);
            assertThat(refused.out()).contains("is in use by another orchestrator process (pid " + serve.pid());

            serve.destroyForcibly(); // kill -9: no shutdown hook, the server is left running
            serve.waitFor(30, TimeUnit.SECONDS);
            assertThat(postmaster()).as("the embedded PostgreSQL outlived its owner").isPresent();
        } finally {
            serve.destroyForcibly();
        }

        Run next = run("migrate");

        assertThat(next.exitCode()).as(next.out()).isZero();
        assertThat(next.out()).contains("Stopping the embedded PostgreSQL left running in " + dataDir())
                .contains("Nothing to apply");
        assertThat(postmaster()).as("the command stopped its own server too").isEmpty();
    }
}
