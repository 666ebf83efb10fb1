package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.ServiceRole;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import dev.orchestrator.http.HttpSettings;
import dev.orchestrator.http.TokenMinter;
import dev.orchestrator.persistence.load.DemoSeed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve's API under row-level security: its pool connects as the service role, and each request's
 * work is bound to the caller's organization (a role bound by row-level security sees nothing
 * otherwise, so the demo queue answered in full proves the binding end to end).
 */
@WithPostgres
class ServeRowLevelSecurityTest {

    private static final Pattern CURL = Pattern.compile("curl -H 'Authorization: Bearer ([^']+)' '([^']+)'");
    private static final String WARNING = "bypasses row-level security";

    private final TestDatabase db;

    @TempDir
    Path home;

    ServeRowLevelSecurityTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void withAServiceRoleTheApiConnectsAsItAndServesTheCallersOrganizationOnly() throws Exception {
        db.serviceDataSource(); // makes sure the test's service login role exists
        UUID otherOrganization = UUID.randomUUID();
        UUID otherProfile = UUID.randomUUID();
        TestDatabaseSql.execute(db, "INSERT INTO organizations (id, name) VALUES ('" + otherOrganization + "', 'Other')");
        TestDatabaseSql.execute(db, "INSERT INTO profiles (id, organization_id, email, full_name, role) VALUES ('" + otherProfile
                + "', '" + otherOrganization + "', 'other@example.org', 'Other Person', 'csm')");
        Cli cli = Cli.on(db).env("ORCHESTRATOR_DB_SERVICE_USER", ServiceRole.NAME)
                .env("ORCHESTRATOR_DB_SERVICE_PASSWORD", ServiceRole.PASSWORD)
                .env("ORCHESTRATOR_JWT_SECRET", TokenCommandTest.SECRET);
        CompletableFuture<Cli.Run> serving = CompletableFuture.supplyAsync(() -> cli.run("serve", "--demo", "--port", "0"));
        ServeCommand.Running running = awaitRunning(serving);
        String printed = cli.outSoFar();
        HttpResponse<String> queue = demoQueue(printed);
        String admin = new TokenMinter(TokenCommandTest.SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC())
                .mint(DemoSeed.ADMIN, HttpSettings.DEFAULT_AUDIENCE, Duration.ofMinutes(5));
        String base = "http://localhost:" + running.port();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> profiles = client.send(HttpRequest.newBuilder(URI.create(base + "/api/profiles"))
                .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> takeOver = client.send(HttpRequest.newBuilder(URI.create(base + "/api/profiles/" + otherProfile))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"email\": \"taken@example.org\", \"full_name\": \"Taken\", \"role\": \"csm\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        List<String> apiRoles = apiConnectionRoles();
        running.requestStop();
        Cli.Run run = serving.get();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(queue.statusCode()).as(queue.body()).isEqualTo(200);
        assertThat(queue.body()).containsSubsequence("d0000000-0000-0000-0003-000000000001",
                "d0000000-0000-0000-0003-000000000002", "d0000000-0000-0000-0003-000000000003");
        assertThat(profiles.statusCode()).as(profiles.body()).isEqualTo(200);
        assertThat(profiles.body()).contains(DemoSeed.CSM.toString()).doesNotContain(otherProfile.toString());
        assertThat(takeOver.statusCode()).as(takeOver.body()).isEqualTo(404);
        assertThat(TestDatabaseSql.count(db, "SELECT count(*) FROM profiles WHERE id = '" + otherProfile
                + "' AND full_name = 'Other Person' AND organization_id = '" + otherOrganization + "'")).isEqualTo(1);
        assertThat(apiRoles).contains(ServiceRole.NAME);
        assertThat(printed).containsPattern("api database user +" + ServiceRole.NAME + ", password \\*\\*\\*\\*")
                .doesNotContain(ServiceRole.PASSWORD + "\n");
        assertThat(run.out()).doesNotContain(WARNING);
    }

    @Test
    void withoutOneServeWarnsThatTheOwnerBypassesRowLevelSecurity() throws Exception {
        Cli cli = Cli.on(db).env("ORCHESTRATOR_JWT_SECRET", TokenCommandTest.SECRET);
        CompletableFuture<Cli.Run> serving = CompletableFuture.supplyAsync(() -> cli.run("serve", "--port", "0"));
        awaitRunning(serving).requestStop();
        Cli.Run run = serving.get();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Warning: the HTTP API connects as " + db.user() + ", which " + WARNING)
                .contains("--db-service-user (ORCHESTRATOR_DB_SERVICE_USER)");
        assertThat(run.out()).containsPattern("api database user +" + db.user() + " \\(no --db-service-user\\)");
    }

    @Test
    void theEmbeddedDefaultCreatesTheServiceRoleAndServesUnderIt() throws Exception {
        Cli cli = Cli.withoutDatabase().env("ORCHESTRATOR_DATA_DIR", home.resolve("pgdata").toString());
        CompletableFuture<Cli.Run> serving = CompletableFuture.supplyAsync(() -> cli.run("serve", "--demo", "--port", "0"));
        ServeCommand.Running running = awaitRunning(serving);
        String printed = cli.outSoFar();
        HttpResponse<String> queue = demoQueue(printed);
        running.requestStop();
        Cli.Run run = serving.get();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(queue.statusCode()).as(queue.body()).isEqualTo(200);
        assertThat(queue.body()).contains("d0000000-0000-0000-0003-000000000001");
        assertThat(printed).containsPattern("api database user +orchestrator_service\n");
        assertThat(run.out()).doesNotContain(WARNING);
    }

    private static HttpResponse<String> demoQueue(String printed) throws Exception {
        Matcher curl = CURL.matcher(printed);
        assertThat(curl.find()).as(printed).isTrue();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(curl.group(2)))
                .header("Authorization", "Bearer " + curl.group(1)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<String> apiConnectionRoles() throws Exception {
        List<String> roles = new ArrayList<>();
        try (Connection c = db.connection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT DISTINCT usename FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND application_name = 'orchestrator'")) {
            while (r.next()) {
                roles.add(r.getString(1));
            }
        }
        return roles;
    }

    private static ServeCommand.Running awaitRunning(CompletableFuture<Cli.Run> serving) throws Exception {
        for (int i = 0; i < 1200; i++) {
            ServeCommand.Running running = ServeCommand.running;
            if (running != null) {
                return running;
            }
            if (serving.isDone()) {
                throw new AssertionError("serve ended early: " + serving.get());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not start within 60 s");
    }
}
