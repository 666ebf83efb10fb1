package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.EmptyDatabase;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import org.junit.jupiter.api.Test;

@WithPostgres
class MigrateCommandTest {

    @Test
    void appliesEveryMigrationThenHasNothingToApply(@EmptyDatabase TestDatabase empty) {
        Cli cli = Cli.on(empty);

        Cli.Run first = cli.run("migrate");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("Applied V1   create organizations")
                .contains("Applied V10  make workflow execution events append only")
                .contains("Applied " + Migrations.count() + " migration(s)");
        assertThat(TestDatabaseSql.count(empty, "SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo(Migrations.count());

        Cli.Run second = cli.run("migrate");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).startsWith("Nothing to apply").doesNotContain("Applied V");
    }

    @Test
    void otherCommandsRefuseAnUnmigratedDatabaseAndSaySo(@EmptyDatabase TestDatabase empty) {
        Cli.Run run = Cli.on(empty).run("seed", "demo");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("is missing " + Migrations.count() + " migration(s)").contains("run 'orchestrator migrate' first");
    }

    @Test
    void anUnreachableDatabaseIsOneClearSentence() {
        Cli.Run run = Cli.withoutDatabase().env("ORCHESTRATOR_DB_URL", "jdbc:postgresql://127.0.0.1:1/nowhere")
                .env("ORCHESTRATOR_DB_PASSWORD", "s3cr3t-password").run("migrate");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("Cannot connect to 127.0.0.1:1/nowhere")
                .contains("ORCHESTRATOR_DB_URL").doesNotContain("s3cr3t-password").doesNotContain("\tat ");
    }
}
