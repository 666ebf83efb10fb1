package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL for real (zonky binaries; as root it runs under unshare): no database
 * configured, data in a directory that survives restarts.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path home;

    @Test
    void keepsItsDataAcrossRestarts() {
        Path dataDir = home.resolve("pgdata");
        Cli cli = Cli.withoutDatabase().env("ORCHESTRATOR_DATA_DIR", dataDir.toString())
                .env("ORCHESTRATOR_JWT_SECRET", TokenCommandTest.SECRET);

        Cli.Run migrate = cli.run("migrate");
        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(migrate.out()).contains("Applied " + Migrations.count() + " migration(s) to the embedded PostgreSQL in " + dataDir);

        Cli.Run imported = cli.run("import", ImportCommandTest.EXAMPLE.toString());
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.out()).containsPattern("customers +2 inserted +0 updated");
        assertThat(dataDir.resolve("PG_VERSION")).exists();

        // Each command started and stopped the server; these find what the earlier ones wrote.
        Cli.Run again = cli.run("migrate");
        assertThat(again.out()).startsWith("Nothing to apply");
        Cli.Run token = cli.run("token", "--profile", "a1000000-0000-4000-8000-000000000103");
        assertThat(token.exitCode()).as(token.toString()).isZero();
        Cli.Run reimported = cli.run("import", ImportCommandTest.EXAMPLE.toString());
        assertThat(reimported.out()).containsPattern("customers +0 inserted +2 updated");
    }

    @Test
    void whenItCannotStartTheMessageSaysHowToUseYourOwnDatabase() throws IOException {
        Path notADirectory = Files.writeString(home.resolve("occupied"), "a file, not a directory");

        Cli.Run run = Cli.withoutDatabase().env("ORCHESTRATOR_DATA_DIR", notADirectory.toString()).run("migrate");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("Could not start the embedded PostgreSQL in " + notADirectory)
                .contains("--db-url jdbc:postgresql://HOST:5432/DATABASE (or ORCHESTRATOR_DB_URL)")
                .doesNotContain("\tat ");
    }
}
