package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.EmptyDatabase;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@WithPostgres
class ServeCommandTest {

    private static final Pattern CURL = Pattern.compile("curl -H 'Authorization: Bearer ([^']+)' '([^']+)'");

    private final TestDatabase db;

    ServeCommandTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void serveDemoAnswersThePrintedCurlCommandOverRealHttpAndStopsGracefully() throws Exception {
        Cli cli = Cli.on(db);
        CompletableFuture<Cli.Run> serving = CompletableFuture.supplyAsync(() -> cli.run("serve", "--demo", "--port", "0"));
        ServeCommand.Running running = awaitRunning(serving);

        Matcher curl = CURL.matcher(cli.outSoFar());
        assertThat(curl.find()).as(cli.outSoFar()).isTrue();
        // --demo listens on this machine only (its printed token is valid for anyone who reaches the port)
        assertThat(curl.group(2)).isEqualTo("http://127.0.0.1:" + running.port() + "/api/orchestrator/queue?demo=true");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(curl.group(2))).header("Authorization", "Bearer " + curl.group(1)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsSubsequence("d0000000-0000-0000-0003-000000000001",
                "d0000000-0000-0000-0003-000000000002", "d0000000-0000-0000-0003-000000000003");

        running.requestStop();
        Cli.Run run = serving.get();
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Serving the HTTP API on http://127.0.0.1:" + running.port() + " with")
                .contains("No JWT secret configured: generated one for this run only").endsWith("Stopped.\n");
        assertThat(ServeCommand.running).isNull();
    }

    @Test
    void withoutDemoASecretIsRequiredAndThePortIsValidated() {
        Cli.Run noSecret = Cli.on(db).run("serve", "--port", "0");
        assertThat(noSecret.exitCode()).isEqualTo(2);
        assertThat(noSecret.err()).contains("--jwt-secret (ORCHESTRATOR_JWT_SECRET): required to serve");

        Cli.Run badPort = Cli.on(db).env("ORCHESTRATOR_PORT", "99999").env("ORCHESTRATOR_JWT_SECRET", TokenCommandTest.SECRET)
                .run("serve");
        assertThat(badPort.exitCode()).isEqualTo(2);
        assertThat(badPort.err()).contains("--port (ORCHESTRATOR_PORT): must be from 0 to 65535, got 99999");
    }

    @Test
    void identityProviderAndHostOptionsAreValidatedAndNamed() {
        // An unreachable database: should validation let a value through, serve fails (exit 1) instead of serving.
        String unreachable = "jdbc:postgresql://127.0.0.1:1/x";
        Cli.Run badHost = Cli.withoutDatabase().env("ORCHESTRATOR_JWT_SECRET", TokenCommandTest.SECRET)
                .run("serve", "--db-url", unreachable, "--port", "0", "--host", "not a host");
        assertThat(badHost.exitCode()).as(badHost.toString()).isEqualTo(2);
        assertThat(badHost.err()).contains("--host (ORCHESTRATOR_HOST): must be an address such as 0.0.0.0");

        Cli.Run badJwks = Cli.withoutDatabase().env("ORCHESTRATOR_JWT_SECRET", TokenCommandTest.SECRET)
                .env("ORCHESTRATOR_JWKS_URL", "ftp://idp.example.com/keys")
                .run("serve", "--db-url", unreachable, "--port", "0");
        assertThat(badJwks.exitCode()).as(badJwks.toString()).isEqualTo(2);
        assertThat(badJwks.err()).contains("--jwks-url (ORCHESTRATOR_JWKS_URL): must be an absolute http or https URL");

        Cli.Run badPool = Cli.withoutDatabase().env("ORCHESTRATOR_JWT_SECRET", TokenCommandTest.SECRET)
                .run("serve", "--db-url", unreachable, "--port", "0", "--db-pool-size", "0");
        assertThat(badPool.exitCode()).as(badPool.toString()).isEqualTo(2);
        assertThat(badPool.err()).contains("--db-pool-size (ORCHESTRATOR_DB_POOL_SIZE): must be a whole number from 1 to 500");

        Cli.Run controlInAudience = Cli.withoutDatabase().env("ORCHESTRATOR_JWT_SECRET", TokenCommandTest.SECRET)
                .run("serve", "--db-url", unreachable, "--port", "0", "--jwt-audience", "api\u0000");
        assertThat(controlInAudience.exitCode()).as(controlInAudience.toString()).isEqualTo(2);
        assertThat(controlInAudience.err())
                .contains("--jwt-audience (ORCHESTRATOR_JWT_AUDIENCE): must be a non-blank text without control");
    }

    @Test
    void serveListensWhereToldAndPrintsTheIdentityProviderItBelieves() throws Exception {
        Cli cli = Cli.on(db).env("ORCHESTRATOR_JWT_SECRET", TokenCommandTest.SECRET)
                .env("ORCHESTRATOR_JWT_ISSUER", "https://idp.example.com/")
                .env("ORCHESTRATOR_JWT_AUDIENCE", "orchestrator-api");
        CompletableFuture<Cli.Run> serving = CompletableFuture.supplyAsync(() -> cli.run("serve", "--port", "0",
                "--host", "127.0.0.1", "--jwks-url", "https://idp.example.com/.well-known/jwks.json", "--no-jobs"));
        ServeCommand.Running running = awaitRunning(serving);
        String printed = cli.outSoFar();
        HttpResponse<String> live = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + running.port() + "/health/live")).build(),
                HttpResponse.BodyHandlers.ofString());
        running.requestStop();
        assertThat(serving.get().exitCode()).isZero();

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(printed).containsPattern("host +127.0.0.1\\n")
                .containsPattern("jwt issuer +https://idp.example.com/")
                .containsPattern("jwt audience +orchestrator-api")
                .containsPattern("jwks url +https://idp.example.com/.well-known/jwks.json")
                .contains("Serving the HTTP API on http://127.0.0.1:" + running.port() + " with");
    }

    @Test
    void aPortInUseFailsInOneSentenceBeforeMigrating(@EmptyDatabase TestDatabase empty) throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Cli.Run run = Cli.on(empty).env("ORCHESTRATOR_JWT_SECRET", TokenCommandTest.SECRET)
                    .run("serve", "--port", String.valueOf(taken.getLocalPort()));

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.err().lines().findFirst().orElse("")).as(run.toString())
                    .isEqualTo("Port " + taken.getLocalPort() + " is already in use (or not allowed): stop what listens "
                            + "there or choose another with --port (ORCHESTRATOR_PORT).");
            assertThat(run.out()).doesNotContain("Applied");
        }
        Cli.Run migrate = Cli.on(empty).run("migrate");
        assertThat(migrate.out()).as("nothing was migrated by the failed serve").contains("Applied V1 ");
    }

    @Test
    void servePrintsItsConfigurationWithSecretsMaskedAndServesMetricsInfoAndReadiness() throws Exception {
        String metricsToken = "metrics-token-" + "x".repeat(20);
        Cli cli = Cli.on(db).env("ORCHESTRATOR_JWT_SECRET", TokenCommandTest.SECRET)
                .env("ORCHESTRATOR_DB_PASSWORD", "db-password-secret")
                .env("ORCHESTRATOR_METRICS_TOKEN", metricsToken)
                .env("ORCHESTRATOR_CORS_ORIGINS", "https://app.example.com, https://admin.example.com")
                .env("ORCHESTRATOR_DB_STATEMENT_TIMEOUT", "2s")
                .env("ORCHESTRATOR_DB_POOL_SIZE", "4");
        CompletableFuture<Cli.Run> serving = CompletableFuture.supplyAsync(() -> cli.run("serve", "--port", "0"));
        ServeCommand.Running running = awaitRunning(serving);
        String printed = cli.outSoFar();
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://localhost:" + running.port();
        HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .header("Authorization", "Bearer " + metricsToken).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> info = client.send(HttpRequest.newBuilder(URI.create(base + "/info")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> ready = client.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        running.requestStop();
        Cli.Run run = serving.get();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(printed).contains("Configuration (secrets masked):")
                .containsPattern("jwt secret +\\*\\*\\*\\* \\(" + TokenCommandTest.SECRET.length() + " bytes\\)")
                .containsPattern("metrics token +\\*\\*\\*\\*")
                .containsPattern("cors origins +https://app.example.com, https://admin.example.com")
                .containsPattern("db statement timeout +2s").containsPattern("db socket timeout +3s")
                .containsPattern("db connection timeout +3s").containsPattern("db pool size +4\\n")
                .doesNotContain(TokenCommandTest.SECRET, metricsToken, "db-password-secret");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).containsPattern("hikaricp_connections_max\\{pool=\"orchestrator-api\"\\} 4\\.0")
                .contains("hikaricp_connections{pool=\"orchestrator-api\"")
                .contains("hikaricp_connections{pool=\"orchestrator-db\"").contains("jvm_memory_used_bytes");
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).contains("\"version\":\"0.1.0").contains("\"commit\":");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("\"migrations\":{\"status\":\"current\"}")
                .contains("\"scheduler\":{\"status\":\"running\"}");
    }

    @Test
    void badOperationalOptionsAreUsageErrors() {
        Cli.Run format = Cli.on(db).env("ORCHESTRATOR_JWT_SECRET", TokenCommandTest.SECRET)
                .run("serve", "--log-format", "xml");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("--log-format (ORCHESTRATOR_LOG_FORMAT): must be text or json");
        Cli.Run origin = Cli.on(db).env("ORCHESTRATOR_JWT_SECRET", TokenCommandTest.SECRET)
                .run("serve", "--cors-origins", "https://ok.example.com,app.example.com/path");
        assertThat(origin.exitCode()).isEqualTo(2);
        assertThat(origin.err()).contains("'app.example.com/path' is not an origin");
        Cli.Run timeout = Cli.on(db).env("ORCHESTRATOR_JWT_SECRET", TokenCommandTest.SECRET)
                .run("serve", "--db-statement-timeout", "soon");
        assertThat(timeout.exitCode()).isEqualTo(2);
        assertThat(timeout.err()).contains("--db-statement-timeout");
    }

    private static ServeCommand.Running awaitRunning(CompletableFuture<Cli.Run> serving) throws Exception {
        for (int i = 0; i < 600; i++) {
            ServeCommand.Running running = ServeCommand.running;
            if (running != null) {
                return running;
            }
            if (serving.isDone()) {
                throw new AssertionError("serve ended early: " + serving.get());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not start within 30 s");
    }
}
