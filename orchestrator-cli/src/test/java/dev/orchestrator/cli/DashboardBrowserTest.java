package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.persistence.load.DemoSeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard end to end: a real {@code serve --demo} on the test PostgreSQL, driven in headless
 * Chromium through the links it prints and the screens a CSM uses. Data beyond the demo is made
 * through the public API as the demo admin; each test gets its own CSM, so tests never see each
 * other's work. Every test saves screenshots under {@code target/dashboard-screenshots/}.
 */
class DashboardBrowserTest extends DashboardBrowserBase {

    private static final Pattern CSM_LINK = Pattern.compile("as the demo CSM: +(\\S+)");
    private static final String XSS_NAME = "<img src=x onerror=alert(1)>";

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
    void theWorkViewShowsTheTemplateStepsAndCompletesOnlyOnceTheRequiredOnesAreTicked() throws Exception {
        UUID csm = newCsm("Tess Template");
        // A renewal trigger: no other test's customer has a renewal date, so no other test gets this work.
        api("POST", "/api/orchestrator/definitions", admin(), JSON.writeValueAsString(Map.of("name", "Renewal prep",
                "workflow_type", "renewal", "trigger_conditions", Map.of("renewal_within_days", 30), "steps", List.of(
                        Map.of("key", "call", "title", "Call the champion", "due_offset_days", 2),
                        Map.of("key", "review", "title", "Review the low-risk plan", "when", Map.of("signals", List.of(
                                Map.of("field", "churn_risk_score", "comparison", "at_most", "threshold", 3)))),
                        Map.of("key", "sponsor", "title", "Meet the sponsor", "when", Map.of("signals", List.of(
                                Map.of("field", "churn_risk_score", "comparison", "at_least", "threshold", 5)))),
                        Map.of("key", "survey", "title", "Send the survey", "optional", true)))));
        JsonNode customer = api("PUT", "/api/customers/" + UUID.randomUUID(), admin(), JSON.writeValueAsString(Map.of(
                "name", "Template Co", "csm_id", csm.toString(), "properties", Map.of("churn_risk_score", 2),
                "renewal_date", java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(10).toString())));
        String id = customer.path("work").path("created").path(0).path("execution_id").asText();
        api("PATCH", "/api/orchestrator/executions/" + id + "/status", minter.mint(csm), "{\"status\":\"underway\"}");
        signIn(minter.mint(csm));
        wait(d -> !text(By.id("who")).isEmpty());
        chrome.get(base + "/#/work/" + id);
        waitForText(By.id("work-title"), "Renewal prep");

        List<String> keys = chrome.findElements(By.cssSelector("#next-steps li.template-step")).stream()
                .map(li -> li.getDomAttribute("data-step-key")).toList();
        assertThat(keys).containsExactly("call", "review", "survey");
        assertThat(chrome.findElements(By.cssSelector("#next-steps li")).size()).as("no made-up first steps").isEqualTo(3);
        assertThat(text(By.cssSelector("#next-steps li[data-step-key=survey]"))).contains("optional");
        click(By.id("complete"));
        wait(d -> text(By.className("saved")).contains("still to do: Call the champion, Review the low-risk plan"));
        shot("work-template-steps");

        click(By.id("template-step-0"));
        wait(d -> text(By.className("saved")).startsWith("Saved at"));
        click(By.id("template-step-1"));
        wait(d -> {
            try {
                return api("GET", "/api/orchestrator/executions/" + id, minter.mint(csm), null)
                        .path("execution_data").path("steps").path(1).path("done").asBoolean();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        click(By.id("complete"));
        wait(d -> chrome.getCurrentUrl().endsWith("#/today"));
        JsonNode done = api("GET", "/api/orchestrator/executions/" + id, minter.mint(csm), null);
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("execution_data").path("steps").path(2).path("done").asBoolean()).as("optional: open").isFalse();
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
        // Not signIn(): it waits until someone is signed in, which this token never is (it passed only
        // when a previous test's name was still shown, i.e. depending on the order the tests ran in).
        chrome.get(base + "/sign-in");
        waitFor(By.id("token")).sendKeys(minter.mint(DemoSeed.CSM.toString(), "authenticated", Duration.ofMinutes(-5)));
        click(By.cssSelector("#sign-in-form button[type=submit]"));
        wait(d -> text(By.id("sign-in-reason")).startsWith("Signed out:"));
        assertThat((Object) chrome.executeScript("return sessionStorage.getItem('orchestrator.token')")).isNull();
        assertThat(chrome.findElement(By.id("nav")).isDisplayed()).isFalse();
    }

    // ---- the browser -----------------------------------------------------------------------

    private void waitForCard(String executionId) {
        wait(d -> executionId.equals(d.findElement(By.id("today-card")).getDomAttribute("data-execution-id")));
    }

    private void assertNoAlert() {
        try {
            chrome.switchTo().alert();
            throw new AssertionError("a script ran: an alert is open");
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }

    private void waitForText(By by, String expected) {
        wait(d -> text(by).equals(expected));
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

    private String profileName(UUID id) throws Exception {
        for (JsonNode p : api("GET", "/api/profiles", admin(), null).path("items")) {
            if (p.path("id").asText().equals(id.toString())) {
                return p.path("full_name").asText();
            }
        }
        throw new AssertionError("no profile " + id);
    }

}
