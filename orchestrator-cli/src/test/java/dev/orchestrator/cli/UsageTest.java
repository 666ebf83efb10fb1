package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Usage errors, help and version: no database involved. */
class UsageTest {

    @Test
    void helpAndVersionExitZero() {
        Cli.Run help = Cli.withoutDatabase().run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: orchestrator").contains("migrate").contains("seed").contains("import")
                .contains("recompute").contains("interpret-signals").contains("jobs").contains("token").contains("serve");

        Cli.Run version = Cli.withoutDatabase().run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("orchestrator ");

        for (String[] command : new String[][] {{"migrate"}, {"seed", "demo"}, {"seed", "synthetic"}, {"import"},
                {"recompute"}, {"interpret-signals"}, {"jobs"}, {"jobs", "list"}, {"jobs", "run"}, {"token"}, {"serve"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            Cli.Run run = Cli.withoutDatabase().run(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).contains("Usage: orchestrator " + String.join(" ", command));
        }
    }

    @Test
    void versionIsTheProjectVersionAndTheOpenApiDocumentSaysTheSame() throws Exception {
        String projectVersion = System.getProperty("project.version");
        assertThat(projectVersion).as("project.version (set by surefire from the pom)").isNotBlank();

        Cli.Run version = Cli.withoutDatabase().run("--version");

        assertThat(version.out().lines().findFirst().orElse(""))
                .startsWith("orchestrator " + projectVersion + " (commit ");
        assertThat(BuildInfo.load().version()).isEqualTo(projectVersion);
        try (var in = dev.orchestrator.http.HttpApi.class.getResourceAsStream("openapi.json")) {
            assertThat(in).isNotNull();
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).at("/info/version").asText())
                    .isEqualTo(projectVersion);
        }
    }

    @Test
    void secretsNeverAppearInHelp() {
        Cli cli = Cli.withoutDatabase().env("ORCHESTRATOR_JWT_SECRET", "super-secret-value-0123456789-abcdef")
                .env("ORCHESTRATOR_DB_PASSWORD", "db-password-value");
        for (String command : new String[] {"token", "serve", "migrate"}) {
            Cli.Run run = cli.run(command, "--help");
            assertThat(run.out()).doesNotContain("super-secret-value").doesNotContain("db-password-value");
        }
    }

    @Test
    void usageErrorsExitTwoWithOneClearSentence() {
        Cli.Run unknown = Cli.withoutDatabase().run("frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unmatched argument at index 0: 'frobnicate'")
                .contains("Run 'orchestrator --help' for usage.");

        Cli.Run badPort = Cli.withoutDatabase().run("serve", "--port", "seventy");
        assertThat(badPort.exitCode()).isEqualTo(2);
        assertThat(badPort.err()).contains("--port");

        Cli.Run badUrl = Cli.withoutDatabase().env("ORCHESTRATOR_DB_URL", "mysql://localhost/x").run("migrate");
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.err()).contains("--db-url (ORCHESTRATOR_DB_URL): must be a PostgreSQL JDBC URL")
                .doesNotContain("\tat ");

        Cli.Run noSeedKind = Cli.withoutDatabase().run("seed");
        assertThat(noSeedKind.exitCode()).isEqualTo(2);
        assertThat(noSeedKind.err()).contains("'seed demo' or 'seed synthetic'");

        Cli.Run noJobsAction = Cli.withoutDatabase().run("jobs");
        assertThat(noJobsAction.exitCode()).isEqualTo(2);
        assertThat(noJobsAction.err()).contains("'jobs list' or 'jobs run daily'");

        Cli.Run badHour = Cli.withoutDatabase().env("ORCHESTRATOR_JWT_SECRET", TokenCommandTest.SECRET)
                .run("serve", "--daily-at", "25:00");
        assertThat(badHour.exitCode()).isEqualTo(2);
        assertThat(badHour.err()).contains("--daily-at (ORCHESTRATOR_DAILY_AT)");
    }

    @Test
    void theDatabaseFlagWinsOverTheVariable() {
        // The variable is invalid, the flag valid but unreachable: the flag's failure is reported.
        Cli.Run run = Cli.withoutDatabase().env("ORCHESTRATOR_DB_URL", "not-a-url")
                .run("migrate", "--db-url", "jdbc:postgresql://127.0.0.1:1/flagdb");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Cannot connect to 127.0.0.1:1/flagdb");
    }
}
