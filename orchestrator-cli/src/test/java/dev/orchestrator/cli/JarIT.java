package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.EmptyDatabase;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar on its own, as users run it (failsafe runs this after {@code package}): it starts,
 * and Flyway finds the migrations inside it (the shading pitfall), and the demo seed works.
 */
@WithPostgres
class JarIT {

    private static final Path JAR = Path.of("target", "orchestrator.jar");

    record Run(int exitCode, String output) {
    }

    private static Run run(TestDatabase database, String... arguments) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (database != null) {
            builder.environment().put("ORCHESTRATOR_DB_URL", database.jdbcUrl());
            builder.environment().put("ORCHESTRATOR_DB_USER", database.user());
            if (database.password() != null) {
                builder.environment().put("ORCHESTRATOR_DB_PASSWORD", database.password());
            }
        }
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the jar finished in time").isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void theJarPrintsItsHelp() throws Exception {
        assertThat(Files.isRegularFile(JAR)).as("target/orchestrator.jar built by package").isTrue();

        Run help = run(null, "--help");

        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(help.output()).startsWith("Usage: orchestrator").contains("serve").doesNotContain("WARN");
    }

    @Test
    void theJarMigratesAnEmptyDatabaseAndSeedsTheDemo(@EmptyDatabase TestDatabase database) throws Exception {
        Run migrate = run(database, "migrate");
        Run again = run(database, "migrate");
        Run seed = run(database, "seed", "demo");

        assertThat(migrate.exitCode()).as(migrate.output()).isZero();
        assertThat(migrate.output()).contains("V1").contains("V10");
        assertThat(again.output()).as(again.output()).doesNotContain("V1 ");
        assertThat(seed.exitCode()).as(seed.output()).isZero();
        assertThat(seed.output()).contains("550e8400-e29b-41d4-a716-446655440001");
    }
}
