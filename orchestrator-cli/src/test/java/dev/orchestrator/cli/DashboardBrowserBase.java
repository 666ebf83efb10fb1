package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.http.TokenMinter;
import dev.orchestrator.persistence.load.DemoSeed;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What every dashboard browser test class stands on: a real {@code serve --demo} of its own on its own
 * test database (the printed sign-in links work once, so each class gets fresh ones), headless
 * Chromium, a risk definition that turns a customer's churn risk into work, the browser's helpers,
 * and data made through the public API as the demo admin. After each test the browser console must
 * hold no script error and no Content-Security-Policy violation; a screenshot is saved under
 * {@code target/dashboard-screenshots/}.
 */
@WithPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DashboardBrowserBase {

    static final Pattern MANAGER_LINK = Pattern.compile("as the demo manager: +(\\S+)");
    static final Path SHOTS = Path.of("target/dashboard-screenshots");
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private CompletableFuture<Cli.Run> serving;
    private ServeCommand.Running running;
    ChromeDriver chrome;
    String base;
    /** What serve printed up to its start (the sign-in links). */
    String printed;
    TokenMinter minter;
    String riskDefinition;

    @BeforeAll
    void serve(TestDatabase db) throws Exception {
        chrome = Chromium.start();
        Files.createDirectories(SHOTS);
        Cli cli = Cli.on(db).env("ORCHESTRATOR_JWT_SECRET", TokenCommandTest.SECRET);
        serving = CompletableFuture.supplyAsync(() -> cli.run("serve", "--demo", "--port", "0", "--no-jobs"));
        for (int i = 0; i < 1200 && running == null; i++) {
            running = ServeCommand.running;
            if (serving.isDone()) {
                throw new AssertionError("serve ended early: " + serving.get());
            }
            Thread.sleep(50);
        }
        assertThat(running).as("serve started").isNotNull();
        base = "http://127.0.0.1:" + running.port();
        printed = cli.outSoFar();
        minter = new TokenMinter(TokenCommandTest.SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
        JsonNode definition = api("POST", "/api/orchestrator/definitions", admin(),
                "{\"name\":\"Churn save\",\"workflow_type\":\"risk\",\"trigger_conditions\":{\"risk_score_min\":7}}");
        riskDefinition = definition.path("id").asText();
    }

    @AfterAll
    void stop() throws Exception {
        if (chrome != null) {
            chrome.quit();
        }
        if (running != null) {
            running.requestStop();
            assertThat(serving.get().exitCode()).isZero();
        }
    }

    @BeforeEach
    void freshTab() {
        chrome.get(base + "/sign-in");
        chrome.executeScript("sessionStorage.clear()");
    }

    @AfterEach
    void noScriptErrorsAndNoPolicyViolations(TestInfo test) throws IOException {
        shot("last-" + test.getTestMethod().orElseThrow().getName());
        List<String> bad = new ArrayList<>();
        for (LogEntry entry : chrome.manage().logs().get(LogType.BROWSER)) {
            String message = entry.getMessage();
            if (message.contains("Content Security Policy") || message.contains("Uncaught")) {
                bad.add(message);
            }
        }
        assertThat(bad).as("browser console").isEmpty();
    }

    // ---- the browser -----------------------------------------------------------------------

    /** Signs in on the sign-in page with a token, as a user of a team's identity provider does. */
    void signIn(String token) {
        chrome.get(base + "/sign-in");
        waitFor(By.id("token")).sendKeys(token);
        click(By.cssSelector("#sign-in-form button[type=submit]"));
        wait(d -> !text(By.id("who")).isEmpty());
    }

    List<String> rowIds(String list) {
        return chrome.findElements(By.cssSelector(list + " > li")).stream()
                .map(e -> e.getDomAttribute("data-execution-id")).toList();
    }

    String text(By by) {
        List<WebElement> found = chrome.findElements(by);
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(chrome, Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(by));
    }

    void wait(Function<WebDriver, Boolean> condition) {
        new WebDriverWait(chrome, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class).until(condition::apply);
    }

    void click(By by) {
        click(waitFor(by));
    }

    void click(WebElement element) {
        element.click();
    }

    void shot(String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), chrome.getScreenshotAs(OutputType.BYTES));
    }

    // ---- data, through the public API ----------------------------------------------------

    String admin() {
        return minter.mint(DemoSeed.ADMIN);
    }

    /** A new CSM reporting to the demo manager. */
    UUID newCsm(String name) throws Exception {
        UUID id = UUID.randomUUID();
        api("PUT", "/api/profiles/" + id, admin(), JSON.writeValueAsString(Map.of("email", id + "@demo.example",
                "full_name", name, "role", "csm", "manager_id", DemoSeed.MANAGER.toString())));
        return id;
    }

    /** A customer of {@code csm} whose churn risk creates one execution of the risk definition. */
    void customer(String name, UUID csm, int churnRisk) throws Exception {
        JsonNode answer = api("PUT", "/api/customers/" + UUID.randomUUID(), admin(), JSON.writeValueAsString(Map.of(
                "name", name, "csm_id", csm.toString(), "properties", Map.of("churn_risk_score", churnRisk))));
        assertThat(answer.path("work").path("created")).as("the risk creates work: " + answer).hasSize(1);
        assertThat(answer.path("work").path("created").path(0).path("workflow_definition_id").asText()).isEqualTo(riskDefinition);
    }

    List<String> queueOrder(UUID csm) throws Exception {
        List<String> ids = new ArrayList<>();
        api("GET", "/api/orchestrator/queue", minter.mint(csm), null).forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    JsonNode api(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }
}
