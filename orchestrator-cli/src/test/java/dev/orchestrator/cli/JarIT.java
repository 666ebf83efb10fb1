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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static final Pattern CURL = Pattern.compile("curl -H 'Authorization: Bearer ([^']+)' 'http://127.0.0.1:(\\d+)/");

    /** {@code serve --demo} as a real process; returns once it printed its curl line (the token and port). */
    private static final class Served implements AutoCloseable {
        final Process process;
        final Path stderr;
        final StringBuilder stdout = new StringBuilder();
        String token;
        int port;

        Served(TestDatabase database, String... extra) throws Exception {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> command = new java.util.ArrayList<>(sigintRestored());
            command.addAll(List.of(java.toString(), "-jar", JAR.toString(), "serve", "--demo", "--port", "0"));
            command.addAll(List.of(extra));
            stderr = Files.createTempFile("serve-stderr", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
            builder.environment().put("ORCHESTRATOR_DB_URL", database.jdbcUrl());
            builder.environment().put("ORCHESTRATOR_DB_USER", database.user());
            if (database.password() != null) {
                builder.environment().put("ORCHESTRATOR_DB_PASSWORD", database.password());
            }
            process = builder.start();
            Thread reader = new Thread(() -> {
                try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        synchronized (stdout) {
                            stdout.append(line).append('\n');
                            stdout.notifyAll();
                        }
                    }
                } catch (IOException ignored) {
                    // process gone
                }
            });
            reader.setDaemon(true);
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            synchronized (stdout) {
                while (true) {
                    Matcher m = CURL.matcher(stdout);
                    if (m.find()) {
                        token = m.group(1);
                        port = Integer.parseInt(m.group(2));
                        return;
                    }
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        throw new AssertionError("serve did not start: " + stdout + Files.readString(stderr));
                    }
                    stdout.wait(200);
                }
            }
        }

        /**
         * A JVM started with SIGINT ignored (this test run started as a background job of a shell, which
         * ignores SIGINT for it) passes that on to serve, whose JVM then installs no handler for SIGINT
         * and ignores the signal the test sends: on Linux the child gets the default back
         * ({@code env --default-signal}, GNU coreutils 8.31+). Found as a test that failed only when the
         * suite ran in the background.
         */
        private static List<String> sigintRestored() throws IOException {
            Path status = Path.of("/proc/self/status");
            if (!Files.isReadable(status)) {
                return List.of();
            }
            long ignored = Files.readAllLines(status).stream().filter(line -> line.startsWith("SigIgn:"))
                    .findFirst().map(line -> Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16))
                    .orElse(0L);
            boolean sigint = (ignored & (1L << (2 - 1))) != 0; // bit n - 1 for signal n; SIGINT is 2
            return sigint ? List.of("env", "--default-signal=INT") : List.of();
        }

        void signal(String name) throws Exception {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(kill.exitValue()).isZero();
        }

        int awaitExit() throws Exception {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("serve exited after the signal").isTrue();
            return process.exitValue();
        }

        String out() {
            synchronized (stdout) {
                return stdout.toString();
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    @Test
    void sigtermLetsARequestWhoseBodyIsStillArrivingFinishAndExitsZero(TestDatabase database) throws Exception {
        try (Served served = new Served(database, "--log-format", "json");
             java.net.Socket socket = new java.net.Socket("localhost", served.port)) {
            socket.setSoTimeout(30_000);
            String body = "{\"days\":2}";
            String head = "POST /api/orchestrator/executions/d0000000-0000-0000-0003-000000000002/snooze HTTP/1.1\r\n"
                    + "Host: localhost\r\nAuthorization: Bearer " + served.token + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n"
                    + "X-Request-Id: in-flight-1\r\nConnection: close\r\n\r\n";
            var out = socket.getOutputStream();
            out.write((head + body.substring(0, 7)).getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(1_000); // the request is being served: its handler waits for the rest of the body

            served.signal("TERM");
            Thread.sleep(1_000);
            assertThat(served.process.isAlive()).as("serve waits for the request in flight").isTrue();
            out.write(body.substring(7).getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).as(answer).startsWith("HTTP/1.1 200");
            assertThat(served.awaitExit()).as(served.out() + Files.readString(served.stderr)).isZero();
            assertThat(served.out()).endsWith("Stopped.\n");
            List<String> logLines = Files.readAllLines(served.stderr);
            assertThat(logLines).as("JSON log lines").isNotEmpty()
                    .allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
            assertThat(logLines).anySatisfy(line -> assertThat(line)
                    .contains("\"request_id\":\"in-flight-1\"")
                    .contains("\"route\":\"/api/orchestrator/executions/{id}/snooze\"")
                    .contains("\"status\":200"));
        }
    }

    @Test
    void sigintStopsAndExitsZero(TestDatabase database) throws Exception {
        try (Served served = new Served(database)) {
            served.signal("INT");
            assertThat(served.awaitExit()).as(served.out() + Files.readString(served.stderr)).isZero();
            assertThat(served.out()).contains("Configuration (secrets masked):").endsWith("Stopped.\n");
        }
    }

    /** One version everywhere: the jar's manifest, --version, /info and the served openapi.json. */
    @Test
    void theJarVersionOptionInfoAndOpenApiNameTheProjectVersion(TestDatabase database) throws Exception {
        String projectVersion = System.getProperty("project.version");
        assertThat(projectVersion).as("project.version (set by failsafe from the pom)").isNotBlank();
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Implementation-Version")).isEqualTo(projectVersion);
        }
        Run version = run(null, "--version");
        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("orchestrator " + projectVersion + " (commit ");

        try (Served served = new Served(database)) {
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            var http = java.net.http.HttpClient.newHttpClient();
            java.util.function.Function<String, com.fasterxml.jackson.databind.JsonNode> get = path -> {
                try {
                    var response = http.send(java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://localhost:" + served.port + path)).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
                    return json.readTree(response.body());
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
            };
            assertThat(get.apply("/info").path("version").asText()).isEqualTo(projectVersion);
            assertThat(get.apply("/openapi.json").at("/info/version").asText()).isEqualTo(projectVersion);
        }
    }

    /** The dashboard ships inside the jar: every file answers, under its policy, and the printed link works once. */
    @Test
    void theJarServesTheDashboardAndItsOneTimeSignInLink(TestDatabase database) throws Exception {
        try (Served served = new Served(database)) {
            var http = java.net.http.HttpClient.newHttpClient();
            for (String file : dev.orchestrator.dashboard.DashboardAssets.FILES) {
                String path = file.equals("index.html") ? "/" : "/dashboard/" + file;
                var response = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + served.port + path)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(path).isEqualTo(200);
                assertThat(response.body()).as(path).isNotBlank();
                assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
                        .contains(dev.orchestrator.dashboard.DashboardAssets.CONTENT_SECURITY_POLICY);
            }
            Matcher link = Pattern.compile("as the demo CSM: +\\S+#code=([A-Za-z0-9_-]+)&demo=true").matcher(served.out());
            assertThat(link.find()).as(served.out()).isTrue();
            String body = "{\"code\":\"" + link.group(1) + "\"}";
            java.util.function.Supplier<java.net.http.HttpResponse<String>> redeem = () -> {
                try {
                    return http.send(java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://localhost:" + served.port + "/sign-in/code"))
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
            };
            var first = redeem.get();
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            assertThat(first.body()).contains("\"token\":\"ey");
            assertThat(redeem.get().statusCode()).as("a link works once").isEqualTo(400);
        }
    }

    @Test
    void aPortInUseIsOneSentence(@EmptyDatabase TestDatabase database) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Path stderr = Files.createTempFile("serve-stderr", ".log");
            ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", JAR.toString(), "serve", "--port",
                    String.valueOf(taken.getLocalPort())).redirectError(stderr.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("ORCHESTRATOR_DB_URL", database.jdbcUrl());
            builder.environment().put("ORCHESTRATOR_DB_USER", database.user());
            builder.environment().put("ORCHESTRATOR_JWT_SECRET", "a-test-secret-that-is-long-enough-0123456789");
            Process process = builder.start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(Files.readAllLines(stderr)).as(Files.readString(stderr)).containsExactly(
                    "Port " + taken.getLocalPort() + " is already in use (or not allowed): stop what listens there or "
                            + "choose another with --port (ORCHESTRATOR_PORT).",
                    "(Run with --verbose for details.)");
        }
    }
}
