package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.EmptyDatabase;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive as an operator gets it (failsafe runs this after {@code package}):
 * unpacked with {@code tar}, its launcher prints the version, and {@code serve} from it becomes
 * ready on a real database and stops with exit 0 on SIGTERM.
 */
@WithPostgres
class DistributionIT {

    private static final String VERSION = System.getProperty("project.version");
    private static final Pattern SERVING = Pattern.compile("Serving the HTTP API on http://127\\.0\\.0\\.1:(\\d+) ");

    @TempDir
    Path dir;

    private Path unpack() throws Exception {
        Path archive = Path.of("target", "orchestrator-" + VERSION + ".tar.gz");
        assertThat(archive).as("built by package").isRegularFile();
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toAbsolutePath().toString(), "-C", dir.toString())
                .redirectErrorStream(true).start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as(new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        return dir.resolve("orchestrator-" + VERSION);
    }

    private static ProcessBuilder launcher(Path home, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/orchestrator").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder;
    }

    @Test
    void theArchiveHoldsTheJarALauncherAnExampleConfigAndASystemdUnit() throws Exception {
        Path home = unpack();

        assertThat(home.resolve("lib/orchestrator.jar")).isRegularFile();
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/orchestrator"))).contains(PosixFilePermission.OWNER_EXECUTE,
                PosixFilePermission.OTHERS_EXECUTE);
        assertThat(Files.readString(home.resolve("config/orchestrator.properties.example"))).contains("db-url = ")
                .contains("daily-at = ");
        assertThat(Files.readString(home.resolve("systemd/orchestrator.service")))
                .contains("ExecStart=/opt/orchestrator/bin/orchestrator serve --config");
        assertThat(home.resolve("LICENSE")).isRegularFile();
        assertThat(home.resolve("CHANGELOG.md")).isRegularFile();

        // Every key of the example config is one serve knows (a stale example would fail at start).
        for (String line : Files.readAllLines(home.resolve("config/orchestrator.properties.example"))) {
            String key = line.replaceFirst("^#\\s*", "").split("=", 2)[0].strip();
            if (line.contains("=") && key.matches("[a-z-]+")) {
                assertThat(ConfigFile.KEYS).as(line).containsKey(key);
            }
        }
    }

    @Test
    void theLauncherPrintsTheVersion() throws Exception {
        Path home = unpack();

        Process version = launcher(home, "--version").redirectErrorStream(true).start();
        assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(version.exitValue()).as(out).isZero();
        assertThat(out).contains(VERSION);
    }

    @Test
    void serveFromTheArchiveBecomesReadyAndStopsWithExitZeroOnSigterm(@EmptyDatabase TestDatabase database)
            throws Exception {
        Path home = unpack();
        Path log = dir.resolve("serve.log");
        ProcessBuilder builder = launcher(home, "serve", "--host", "127.0.0.1", "--port", "0", "--no-jobs")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("ORCHESTRATOR_DB_URL", database.jdbcUrl());
        builder.environment().put("ORCHESTRATOR_DB_USER", database.user());
        if (database.password() != null) {
            builder.environment().put("ORCHESTRATOR_DB_PASSWORD", database.password());
        }
        builder.environment().put("ORCHESTRATOR_JWT_SECRET", TokenCommandTest.SECRET);
        Process serve = builder.start();
        try {
            int port = awaitPort(serve, log);
            HttpResponse<String> ready = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);

            serve.destroy(); // SIGTERM, to the JVM itself: the launcher exec'd it
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
            assertThat(serve.exitValue()).as(Files.readString(log)).isZero();
            assertThat(Files.readString(log)).contains("Stopped.");
        } finally {
            serve.destroyForcibly();
        }
    }

    private static int awaitPort(Process serve, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Matcher m = SERVING.matcher(Files.readString(log));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!serve.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("serve did not become ready: " + Files.readString(log));
    }
}
