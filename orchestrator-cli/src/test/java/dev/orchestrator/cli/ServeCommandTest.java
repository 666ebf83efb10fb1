package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
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
        assertThat(curl.group(2)).isEqualTo("http://localhost:" + running.port() + "/api/orchestrator/queue?demo=true");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(curl.group(2))).header("Authorization", "Bearer " + curl.group(1)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsSubsequence("d0000000-0000-0000-0003-000000000001",
                "d0000000-0000-0000-0003-000000000002", "d0000000-0000-0000-0003-000000000003");

        running.requestStop();
        Cli.Run run = serving.get();
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Serving the HTTP API on http://localhost:" + running.port())
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
