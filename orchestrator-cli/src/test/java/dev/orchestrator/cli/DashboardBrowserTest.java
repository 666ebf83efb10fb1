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
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard end to end: a real {@code serve --demo} on the test PostgreSQL, driven in headless
 * Chromium through the links it prints and the screens a CSM uses. Data beyond the demo is made
 * through the public API as the demo admin; each test gets its own CSM, so tests never see each
 * other's work. Every test saves screenshots under {@code target/dashboard-screenshots/}.
 */
@WithPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    private static final Pattern CSM_LINK = Pattern.compile("as the demo CSM: +(\\S+)");
    private static final Pattern MANAGER_LINK = Pattern.compile("as the demo manager: +(\\S+)");
    private static final Path SHOTS = Path.of("target/dashboard-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String XSS_NAME = "<img src=x onerror=alert(1)>";

    private final HttpClient http = HttpClient.newHttpClient();
    private ChromeDriver chrome;
    private CompletableFuture<Cli.Run> serving;
    private ServeCommand.Running running;
    private String base;
    private String printed;
    private TokenMinter minter;
    private String riskDefinition;

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
    void noScriptErrorsAndNoPolicyViolations(org.junit.jupiter.api.TestInfo test) throws IOException {
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

    @Test
    void theDemoCsmsLinkSignsInOnceAndWalksTheDemoSequenceToTheEndWithoutAReload() throws Exception {
        Matcher link = CSM_LINK.matcher(printed);
        assertThat(link.find()).as(printed).isTrue();
        assertThat(link.group(1)).startsWith(base + "/sign-in#code=").endsWith("&demo=true");
        assertThat(MANAGER_LINK.matcher(printed).find()).as(printed).isTrue();
        List<String> titles = DemoSeed.DEMO_DEFINITIONS.stream().map(DemoSeed.DemoDefinition::name).toList();

        chrome.get(link.group(1));
        waitForText(By.id("today-title"), titles.get(0));
        assertThat(chrome.getCurrentUrl()).as("no code or token stays in the address").isEqualTo(base + "/#/today");
        assertThat((String) chrome.executeScript("return sessionStorage.getItem('orchestrator.token')")).isNotBlank();
        timing("first open, through the sign-in link");
        shot("today");
        chrome.executeScript("window.sameDocument = true");

        for (int i = 0; i < titles.size(); i++) {
            waitForText(By.id("today-title"), titles.get(i));
            assertThat(text(By.id("demo-progress"))).isEqualTo("Demo: " + i + " of " + titles.size() + " completed");
            String id = chrome.findElement(By.id("today-card")).getDomAttribute("data-execution-id");
            click(By.id("start"));
            waitForText(By.id("work-title"), titles.get(i));
            waitForText(By.id("work-status"), "Underway");
            click(By.id("step-0"));
            wait(d -> text(By.className("saved")).startsWith("Saved at"));
            if (i == 0) {
                assertThat(text(By.id("timeline"))).contains("create by the system: new → Not started")
                        .contains("start by " + profileName(DemoSeed.CSM) + ": Not started → Underway");
                shot("work-view");
            }
            JsonNode stored = api("GET", "/api/orchestrator/executions/" + id, minter.mint(DemoSeed.CSM), null);
            assertThat(stored.path("execution_data").path("next_steps").path(0).path("done").asBoolean())
                    .as("the ticked step is saved").isTrue();
            click(By.id("complete"));
        }
        waitForText(By.cssSelector("#today-card h2"), "The demo sequence is complete");
        assertThat(text(By.id("demo-progress"))).isEqualTo("Demo: 3 of 3 completed");
        assertThat((Boolean) chrome.executeScript("return window.sameDocument === true")).as("never reloaded").isTrue();

        chrome.get(link.group(1));
        wait(d -> text(By.id("sign-in-reason")).contains("already used or expired"));
        assertThat(chrome.getCurrentUrl()).doesNotContain("code=");
        shot("sign-in");
    }

    @Test
    void snoozingTheTopItemWithThePickerMovesItToTheResurfacingLane() throws Exception {
        UUID csm = newCsm("Sam Snooze");
        customer("Snooze One", csm, 9);
        customer("Snooze Two", csm, 8);
        List<String> order = queueOrder(csm);
        signIn(minter.mint(csm));

        waitForCard(order.get(0));
        click(By.id("snooze"));
        WebElement days = waitFor(By.id("snooze-days"));
        days.clear();
        days.sendKeys("0");
        wait(d -> text(By.className("until")).contains("days: must be a whole number of days from 1 to 90"));
        days.clear();
        days.sendKeys("2");
        wait(d -> text(By.className("until")).startsWith("Comes back on"));
        shot("snooze-picker");
        click(By.cssSelector("[data-picker=snooze] button[type=submit]"));

        // snoozed for 2 days it ranks by its snooze (1000 - 2): still first, now marked snoozed
        waitForText(By.cssSelector("#today-card .state"), "Snoozed");
        JsonNode rescored = api("GET", "/api/orchestrator/executions/" + order.get(0), minter.mint(csm), null);
        assertThat(text(By.cssSelector("#today-card .label"))).endsWith(" · " + rescored.path("priority_score").asInt());
        click(By.cssSelector("#nav a[data-screen=queue]"));
        waitFor(By.cssSelector("#resurfacing [data-execution-id='" + order.get(0) + "']"));
        assertThat(rowIds("#queue-rows")).containsExactly(order.get(1));
        JsonNode snoozed = api("GET", "/api/orchestrator/executions/" + order.get(0), minter.mint(csm), null);
        assertThat(snoozed.path("status").asText()).isEqualTo("snoozed");
        assertThat(snoozed.path("snooze_days").asInt()).isEqualTo(2);
        shot("queue");
    }

    @Test
    void escalatingWithThePickerOffersTheManagersAndAdminsByName() throws Exception {
        UUID csm = newCsm("Eli Escalate");
        customer("Escalation Co", csm, 9);
        String top = queueOrder(csm).get(0);
        List<String> expected = new ArrayList<>();
        for (JsonNode p : api("GET", "/api/profiles", admin(), null).path("items")) {
            if (p.path("role").asText().equals("manager") || p.path("role").asText().equals("admin")) {
                expected.add(p.path("full_name").asText() + " (" + p.path("role").asText() + ")");
            }
        }
        String manager = profileName(DemoSeed.MANAGER);
        signIn(minter.mint(csm));

        waitForCard(top);
        click(By.id("escalate"));
        Select people = new Select(waitFor(By.cssSelector("select[name=escalation_user_id]")));
        wait(d -> people.getOptions().size() > 1);
        List<String> offered = people.getOptions().stream().skip(1).map(WebElement::getText).toList();
        assertThat(offered).containsExactlyInAnyOrderElementsOf(expected).noneMatch(o -> o.contains("(csm)"));
        people.selectByVisibleText(manager + " (manager)");
        shot("escalate-picker");
        click(By.cssSelector("[data-picker=escalate] button[type=submit]"));

        wait(d -> text(By.id("today-card")).contains("Escalated to\n" + manager));
        JsonNode stored = api("GET", "/api/orchestrator/executions/" + top, minter.mint(csm), null);
        assertThat(stored.path("escalation_user").path("id").asText()).isEqualTo(DemoSeed.MANAGER.toString());

        // the manager, through the link serve printed for them, finds it under "Escalated to me"
        Matcher managerLink = MANAGER_LINK.matcher(printed);
        assertThat(managerLink.find()).isTrue();
        assertThat(managerLink.group(1)).as("the manager has no demo sequence").doesNotContain("demo=true");
        chrome.get(managerLink.group(1));
        wait(d -> text(By.id("who")).equals(manager + " (manager)"));
        chrome.get(base + "/#/queue");
        click(By.id("filter-escalated"));
        wait(d -> chrome.getCurrentUrl().endsWith("escalated=me") && rowIds("#queue-rows").equals(List.of(top)));
    }

    @Test
    void skippingWithAReasonShowsTheNextItem() throws Exception {
        UUID csm = newCsm("Sky Skip");
        customer("Skip Co", csm, 9);
        customer("Skip Next", csm, 7);
        List<String> order = queueOrder(csm);
        signIn(minter.mint(csm));

        waitForCard(order.get(0));
        click(By.id("skip"));
        // the organization's skip reasons (the default set), by label
        new Select(waitFor(By.cssSelector("[data-picker=skip] select[name=reason_code]"))).selectByValue("already_handled");
        waitFor(By.cssSelector("[data-picker=skip] textarea[name=note]")).sendKeys("Covered in the QBR");
        shot("skip-picker");
        click(By.cssSelector("[data-picker=skip] button[type=submit]"));

        waitForCard(order.get(1));
        JsonNode skipped = api("GET", "/api/orchestrator/executions/" + order.get(0), minter.mint(csm), null);
        assertThat(skipped.path("status").asText()).isEqualTo("skipped");
        assertThat(skipped.path("reason_code").asText()).isEqualTo("already_handled");
        assertThat(skipped.path("skip_reason").asText()).isEqualTo("Covered in the QBR");
    }

    @Test
    void bulkSnoozeFromTheQueueAndACustomerNamedLikeMarkupShowsAsText() throws Exception {
        UUID csm = newCsm("Bea Bulk");
        customer(XSS_NAME, csm, 9);
        customer("Bulk Two", csm, 8);
        customer("Bulk Three", csm, 7);
        List<String> order = queueOrder(csm);
        signIn(minter.mint(csm));

        chrome.get(base + "/#/queue");
        wait(d -> rowIds("#queue-rows").size() == 3);
        assertThat(rowIds("#queue-rows")).containsExactlyElementsOf(order);
        WebElement xss = chrome.findElement(By.cssSelector("[data-execution-id='" + order.get(0) + "'] .customer"));
        assertThat(xss.getText()).isEqualTo(XSS_NAME);
        assertThat(chrome.findElements(By.cssSelector("main img"))).as("no element made from the name").isEmpty();
        assertNoAlert();

        click(By.id("select-" + order.get(0)));
        click(By.id("select-" + order.get(1)));
        assertThat(text(By.id("selected-count"))).isEqualTo("2 selected");
        shot("queue-bulk");
        click(By.id("bulk-snooze"));
        click(waitFor(By.xpath("//*[@data-picker='snooze']//button[text()='1 week']")));
        click(By.cssSelector("[data-picker=snooze] button[type=submit]"));

        wait(d -> text(By.id("status")).equals("2 done, 0 failed"));
        wait(d -> rowIds("#queue-rows").equals(List.of(order.get(2))));
        for (String id : order.subList(0, 2)) {
            JsonNode stored = api("GET", "/api/orchestrator/executions/" + id, minter.mint(csm), null);
            assertThat(stored.path("status").asText()).isEqualTo("snoozed");
            assertThat(stored.path("snooze_days").asInt()).isEqualTo(7);
        }

        chrome.get(base + "/#/today");
        waitForCard(order.get(2));
        chrome.get(base + "/#/work/" + order.get(2));
        waitForText(By.id("work-title"), "Churn save");
        assertNoAlert();
    }

    @Test
    void at375PixelsNothingOverflowsAndEveryControlIsLabelled() throws Exception {
        UUID csm = newCsm("Nia Narrow");
        customer("Narrow Co", csm, 9);
        signIn(minter.mint(csm));
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 375, "height", 812, "deviceScaleFactor", 1, "mobile", true));
        try {
            for (String screen : List.of("today", "queue", "work/" + queueOrder(csm).get(0))) {
                chrome.get(base + "/#/" + screen);
                wait(d -> screen.startsWith(String.valueOf(
                        chrome.executeScript("return document.getElementById('main').dataset.ready"))));
                long width = (Long) chrome.executeScript("return document.documentElement.scrollWidth");
                assertThat(width).as(screen + " is as wide as the screen").isLessThanOrEqualTo(375);
                Object unlabelled = chrome.executeScript("return [...document.querySelectorAll('input, select, textarea, button')]"
                        + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())"
                        + ".map(e => e.outerHTML)");
                assertThat((List<?>) unlabelled).as(screen + ": controls without a name").isEmpty();
                if (screen.equals("today")) {
                    shot("today-375px");
                }
            }
        } finally {
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    void theSnoozePickerWorksFromTheKeyboardWithAVisibleFocus() throws Exception {
        UUID csm = newCsm("Kim Keys");
        customer("Keyboard Co", csm, 9);
        signIn(minter.mint(csm));
        waitForCard(queueOrder(csm).get(0));
        chrome.navigate().refresh();
        waitForCard(queueOrder(csm).get(0));
        timing("reload, signed in");

        org.openqa.selenium.interactions.Actions keys = new org.openqa.selenium.interactions.Actions(chrome);
        for (int i = 0; i < 40 && !"snooze".equals(activeId()); i++) {
            keys.sendKeys(org.openqa.selenium.Keys.TAB).perform();
        }
        assertThat(activeId()).as("Snooze is reached with Tab").isEqualTo("snooze");
        assertThat((String) chrome.executeScript("return getComputedStyle(document.activeElement).outlineStyle"))
                .as("the focus is visible").isNotEqualTo("none");
        keys.sendKeys(org.openqa.selenium.Keys.ENTER).perform();
        waitFor(By.id("snooze-days"));
        assertThat((Boolean) chrome.executeScript("return document.activeElement.closest('dialog[open]') !== null"))
                .as("focus moves into the picker").isTrue();
        keys.sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
        wait(d -> chrome.findElements(By.cssSelector("dialog[open]")).isEmpty());
        assertThat(activeId()).as("focus returns to the button").isEqualTo("snooze");
        JsonNode untouched = api("GET", "/api/orchestrator/executions/" + queueOrder(csm).get(0), minter.mint(csm), null);
        assertThat(untouched.path("status").asText()).as("cancelled: nothing sent").isEqualTo("not_started");
    }

    private String activeId() {
        return (String) chrome.executeScript("return document.activeElement && document.activeElement.id");
    }

    @Test
    void aRefusedTokenSendsTheUserBackToSignInWithTheReason() {
        signIn(minter.mint(DemoSeed.CSM.toString(), "authenticated", Duration.ofMinutes(-5)));
        wait(d -> text(By.id("sign-in-reason")).startsWith("Signed out:"));
        assertThat((Object) chrome.executeScript("return sessionStorage.getItem('orchestrator.token')")).isNull();
        assertThat(chrome.findElement(By.id("nav")).isDisplayed()).isFalse();
    }

    // ---- the browser -----------------------------------------------------------------------

    private void signIn(String token) {
        chrome.get(base + "/sign-in");
        waitFor(By.id("token")).sendKeys(token);
        click(By.cssSelector("#sign-in-form button[type=submit]"));
    }

    private void waitForCard(String executionId) {
        wait(d -> executionId.equals(d.findElement(By.id("today-card")).getDomAttribute("data-execution-id")));
    }

    private List<String> rowIds(String list) {
        return chrome.findElements(By.cssSelector(list + " > li")).stream()
                .map(e -> e.getDomAttribute("data-execution-id")).toList();
    }

    private void assertNoAlert() {
        try {
            chrome.switchTo().alert();
            throw new AssertionError("a script ran: an alert is open");
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }

    private String text(By by) {
        List<WebElement> found = chrome.findElements(by);
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private WebElement waitFor(By by) {
        return new WebDriverWait(chrome, Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(by));
    }

    private void waitForText(By by, String expected) {
        wait(d -> text(by).equals(expected));
    }

    private void wait(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        new WebDriverWait(chrome, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class).until(condition::apply);
    }

    private void click(By by) {
        click(waitFor(by));
    }

    private void click(WebElement element) {
        element.click();
    }

    private void shot(String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), chrome.getScreenshotAs(OutputType.BYTES));
    }

    /** How soon the screen was usable, by the browser's own clock (Navigation Timing plus the app's ready mark). */
    private void timing(String what) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) chrome.executeScript(
                "const n = performance.getEntriesByType('navigation')[0];"
                        + "const r = performance.getEntriesByName('dashboard:ready:today')[0];"
                        + "return {dom_interactive: n.domInteractive, load_end: n.loadEventEnd, ready: r ? r.startTime : null};");
        assertThat(t.get("ready")).as("the Today screen marked itself ready").isNotNull();
        String line = String.format("dashboard timing (%s): DOM interactive %.0f ms, load %.0f ms, Today ready %.0f ms%n",
                what, num(t.get("dom_interactive")), num(t.get("load_end")), num(t.get("ready")));
        System.out.print(line);
        Files.writeString(Path.of("target/dashboard-timing.txt"), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static double num(Object value) {
        return ((Number) value).doubleValue();
    }

    // ---- data, through the public API ----------------------------------------------------

    private String admin() {
        return minter.mint(DemoSeed.ADMIN);
    }

    private String profileName(UUID id) throws Exception {
        for (JsonNode p : api("GET", "/api/profiles", admin(), null).path("items")) {
            if (p.path("id").asText().equals(id.toString())) {
                return p.path("full_name").asText();
            }
        }
        throw new AssertionError("no profile " + id);
    }

    private UUID newCsm(String name) throws Exception {
        UUID id = UUID.randomUUID();
        api("PUT", "/api/profiles/" + id, admin(), JSON.writeValueAsString(Map.of("email", id + "@demo.example",
                "full_name", name, "role", "csm", "manager_id", DemoSeed.MANAGER.toString())));
        return id;
    }

    private void customer(String name, UUID csm, int churnRisk) throws Exception {
        JsonNode answer = api("PUT", "/api/customers/" + UUID.randomUUID(), admin(), JSON.writeValueAsString(Map.of(
                "name", name, "csm_id", csm.toString(), "properties", Map.of("churn_risk_score", churnRisk))));
        assertThat(answer.path("work").path("created")).as("the risk creates work: " + answer).hasSize(1);
        assertThat(answer.path("work").path("created").path(0).path("workflow_definition_id").asText()).isEqualTo(riskDefinition);
    }

    private List<String> queueOrder(UUID csm) throws Exception {
        List<String> ids = new ArrayList<>();
        api("GET", "/api/orchestrator/queue", minter.mint(csm), null).forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private JsonNode api(String method, String path, String token, String body) throws Exception {
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
