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
                .contains("recompute").contains("interpret-signals").contains("jobs").contains("history").contains("token").contains("serve")
                .contains("help").contains("completion");

        Cli.Run version = Cli.withoutDatabase().run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("orchestrator ");

        for (String[] command : new String[][] {{"migrate"}, {"seed", "demo"}, {"seed", "synthetic"}, {"import"},
                {"recompute"}, {"interpret-signals"}, {"jobs"}, {"jobs", "list"}, {"jobs", "run"}, {"history"}, {"token"}, {"serve"},
                {"help"}, {"completion"}}) {
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
    void aMistypedCommandOrOptionGetsSuggestionsAndStillExitsTwo() {
        Cli.Run command = Cli.withoutDatabase().run("sevre");
        assertThat(command.exitCode()).isEqualTo(2);
        assertThat(command.err()).contains("Unmatched argument at index 0: 'sevre'.")
                .contains("Did you mean: ").contains("orchestrator serve")
                .contains("Run 'orchestrator --help' for usage.");

        Cli.Run nested = Cli.withoutDatabase().run("jobs", "lst");
        assertThat(nested.exitCode()).isEqualTo(2);
        assertThat(nested.err()).contains("Did you mean: jobs list?");

        Cli.Run option = Cli.withoutDatabase().run("serve", "--portt", "8080");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).contains("Possible solutions: --port")
                .contains("Run 'orchestrator serve --help' for usage.");

        Cli.Run nothingAlike = Cli.withoutDatabase().run("zzzz");
        assertThat(nothingAlike.exitCode()).isEqualTo(2);
        assertThat(nothingAlike.err()).doesNotContain("Did you mean");
    }

    @Test
    void theHelpSubcommandPrintsTheSameUsageAsHelpOptions() {
        Cli.Run root = Cli.withoutDatabase().run("help");
        assertThat(root.exitCode()).isZero();
        assertThat(root.out()).isEqualTo(Cli.withoutDatabase().run("--help").out());

        Cli.Run serve = Cli.withoutDatabase().run("help", "serve");
        assertThat(serve.exitCode()).isZero();
        assertThat(serve.out()).startsWith("Usage: orchestrator serve")
                .isEqualTo(Cli.withoutDatabase().run("serve", "--help").out());

        Cli.Run unknown = Cli.withoutDatabase().run("help", "frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown subcommand 'frobnicate'");
    }

    @Test
    void completionPrintsABashScriptThatCompletesCommandsAndOptions() throws Exception {
        Cli.Run completion = Cli.withoutDatabase().run("completion");
        assertThat(completion.exitCode()).as(completion.toString()).isZero();
        assertThat(completion.out()).startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_orchestrator")
                .contains("local commands=\"migrate seed import recompute interpret-signals jobs history team report policy simulate token serve help completion\"");

        // The script as bash runs it: what TAB offers after "orchestrator se", "orchestrator serve --po", "orchestrator jobs ".
        java.nio.file.Path bash = java.nio.file.Path.of("/bin/bash");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(bash), "bash is installed");
        java.nio.file.Path script = java.nio.file.Files.createTempFile("orchestrator-completion", ".bash");
        try {
            java.nio.file.Files.writeString(script, completion.out());
            assertThat(complete(bash, script, "orchestrator", "se")).isEqualTo("seed serve");
            assertThat(complete(bash, script, "orchestrator", "serve", "--po")).isEqualTo("--port");
            assertThat(complete(bash, script, "orchestrator", "jobs", "")).isEqualTo("list run");
        } finally {
            java.nio.file.Files.deleteIfExists(script);
        }
    }

    /** Runs the script's completion function for the words typed so far; returns COMPREPLY. */
    private static String complete(java.nio.file.Path bash, java.nio.file.Path script, String... words)
            throws Exception {
        String line = String.join(" ", words);
        String program = "source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); COMP_LINE=\"" + line
                + "\"; COMP_POINT=${#COMP_LINE}; _complete_orchestrator; echo \"${COMPREPLY[*]}\"";
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(bash.toString(), "-c", program,
                "bash", script.toString()));
        command.addAll(java.util.List.of(words));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return out.strip();
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
