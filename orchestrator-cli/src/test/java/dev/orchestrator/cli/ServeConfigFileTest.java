package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --config FILE}: flag > environment variable > file > default. serve prints its effective
 * configuration before connecting, so an unreachable database (port 1) shows what it resolved, then exits 1.
 */
class ServeConfigFileTest {

    @TempDir
    Path dir;

    private Path file(String text) throws Exception {
        Path file = dir.resolve("orchestrator.properties");
        Files.writeString(file, text);
        return file;
    }

    private Path settings() throws Exception {
        return file("""
                # serve's settings
                db-url = jdbc:postgresql://127.0.0.1:1/fromfile
                jwt-secret = %s
                port = 7171
                log-format = text
                """.formatted(TokenCommandTest.SECRET));
    }

    @Test
    void theFileIsUsedWhenNeitherFlagNorVariableIsSet() throws Exception {
        Cli.Run run = Cli.withoutDatabase().run("serve", "--config", settings().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).containsPattern("\\n  port +7171\\n")
                .containsPattern("\\n  config file +" + java.util.regex.Pattern.quote(settings().toString()) + "\\n");
        assertThat(run.err()).contains("Cannot connect to 127.0.0.1:1/fromfile"); // db-url and jwt-secret from the file
    }

    @Test
    void aVariableWinsOverTheFile() throws Exception {
        Cli.Run run = Cli.withoutDatabase().env("ORCHESTRATOR_PORT", "7272")
                .env("ORCHESTRATOR_DB_URL", "jdbc:postgresql://127.0.0.1:1/fromvariable")
                .env(ConfigFile.VARIABLE, settings().toString())
                .run("serve");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).containsPattern("\\n  port +7272\\n");
        assertThat(run.err()).contains("Cannot connect to 127.0.0.1:1/fromvariable");
    }

    @Test
    void aFlagWinsOverTheVariableAndTheFile() throws Exception {
        Cli.Run run = Cli.withoutDatabase().env("ORCHESTRATOR_PORT", "7272")
                .run("serve", "--config", settings().toString(), "--port", "7373",
                        "--db-url", "jdbc:postgresql://127.0.0.1:1/fromflag");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).containsPattern("\\n  port +7373\\n");
        assertThat(run.err()).contains("Cannot connect to 127.0.0.1:1/fromflag");
    }

    @Test
    void withoutAFileTheDefaultsApply() throws Exception {
        Cli.Run run = Cli.withoutDatabase().env("ORCHESTRATOR_JWT_SECRET", TokenCommandTest.SECRET)
                .run("serve", "--db-url", "jdbc:postgresql://127.0.0.1:1/x");

        assertThat(run.out()).containsPattern("\\n  port +7070\\n").containsPattern("\\n  config file +\\(none\\)\\n");
    }

    @Test
    void anUnknownKeyIsAUsageErrorNamingIt() throws Exception {
        Path file = file("port = 7171\nprot = 7272\n");

        Cli.Run run = Cli.withoutDatabase().run("serve", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--config (ORCHESTRATOR_CONFIG): unknown key 'prot' in " + file)
                .contains("known keys: ").contains("port").doesNotContain("\tat ");
        assertThat(run.out()).doesNotContain("Configuration");
    }

    @Test
    void aMissingFileIsAUsageError() {
        Cli.Run run = Cli.withoutDatabase().run("serve", "--config", dir.resolve("absent.properties").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--config (ORCHESTRATOR_CONFIG): cannot read");
    }

    @Test
    void aBadValueInTheFileNamesItsOption() throws Exception {
        Path file = file("jwt-secret = " + TokenCommandTest.SECRET + "\ndaily-at = 25:00\n");

        Cli.Run run = Cli.withoutDatabase().run("serve", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--daily-at (ORCHESTRATOR_DAILY_AT)");
    }

    private Path yaml(String text) throws Exception {
        Path file = dir.resolve("orchestrator.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aYamlFileWithNestedKeysReadsLikeTheProperties() throws Exception {
        Path file = yaml("""
                # serve's settings, YAML
                db:
                  url: jdbc:postgresql://127.0.0.1:1/fromyaml
                jwt:
                  secret: "%s"
                  issuer: https://idp.example.com/
                port: 7474
                host: 127.0.0.1
                jobs: "off"
                """.formatted(TokenCommandTest.SECRET));

        Cli.Run run = Cli.withoutDatabase().run("serve", "--config", file.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).containsPattern("\\n  port +7474\\n").containsPattern("\\n  host +127.0.0.1\\n")
                .containsPattern("\\n  jwt issuer +https://idp.example.com/\\n");
        assertThat(run.err()).contains("Cannot connect to 127.0.0.1:1/fromyaml");
    }

    @Test
    void aYamlKeyGivenTwiceOrAListIsAUsageErrorNamingIt() throws Exception {
        Cli.Run twice = Cli.withoutDatabase().run("serve", "--config", yaml("port: 7171\nport: 7272\n").toString());
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).contains("--config (ORCHESTRATOR_CONFIG): cannot read").contains("port");

        Cli.Run dashedTwice = Cli.withoutDatabase().run("serve", "--config",
                yaml("db-url: a\ndb:\n  url: b\n").toString());
        assertThat(dashedTwice.exitCode()).isEqualTo(2);
        assertThat(dashedTwice.err()).contains("key 'db-url' is given twice");

        Cli.Run list = Cli.withoutDatabase().run("serve", "--config", yaml("cors-origins: [a, b]\n").toString());
        assertThat(list.exitCode()).isEqualTo(2);
        assertThat(list.err()).contains("key 'cors-origins' must have a single value");

        Cli.Run unknown = Cli.withoutDatabase().run("serve", "--config", yaml("database:\n  url: x\n").toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown key 'database-url'");

        Cli.Run notAMapping = Cli.withoutDatabase().run("serve", "--config", yaml("- port\n").toString());
        assertThat(notAMapping.exitCode()).isEqualTo(2);
        assertThat(notAMapping.err()).contains("the top level must be a mapping");
    }
}
