package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.persistence.load.DemoSeed;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard's Team screen and its bulk wiring, end to end, set up as {@link DashboardBrowserTest}
 * is (a real {@code serve --demo} on its own test database, headless Chromium, data made through the
 * public API as the demo admin). A class of its own because the manager's printed sign-in link works
 * once: this one's {@code serve} prints a fresh one for the Team test. Every count and name the screen
 * shows is compared with what the API answers, never with a number written here.
 */
class DashboardTeamBrowserTest extends DashboardBrowserBase {

    private static final String MARKUP = "<img src=x onerror=alert(1)>";

    /** The Team screen's counts, by their `data-count` key, as the API names them. */
    private static final List<String> PLAIN_COUNTS = List.of("open", "underway", "resurfacing_3d", "escalations_open");

    @Test
    void theDemoManagerOpensTeamThroughThePrintedLinkAndSeesTheDemoCsmsCountsAsTheApiGivesThem() throws Exception {
        // the demo CSM gets production work of several kinds, so the counts are not all zero
        String csm = minter.mint(DemoSeed.CSM);
        customer("Team Open", DemoSeed.CSM, 9);
        customer("Team Snoozed", DemoSeed.CSM, 8);
        customer("Team Underway", DemoSeed.CSM, 8);
        customer("Team Escalated", DemoSeed.CSM, 7);
        customer("Team Done", DemoSeed.CSM, 7);
        List<String> work = listed(DemoSeed.CSM, csm);
        assertThat(work).hasSize(5);
        api("POST", "/api/orchestrator/executions/" + work.get(1) + "/snooze", csm, "{\"days\":2}");
        api("PATCH", "/api/orchestrator/executions/" + work.get(2) + "/status", csm, "{\"status\":\"underway\"}");
        api("POST", "/api/orchestrator/executions/" + work.get(3) + "/escalate", csm,
                "{\"escalation_user_id\":\"" + DemoSeed.MANAGER + "\"}");
        api("PATCH", "/api/orchestrator/executions/" + work.get(4) + "/status", csm, "{\"status\":\"underway\"}");
        api("PATCH", "/api/orchestrator/executions/" + work.get(4) + "/status", csm, "{\"status\":\"completed\"}");

        Matcher link = MANAGER_LINK.matcher(printed);
        assertThat(link.find()).as(printed).isTrue();
        chrome.get(link.group(1));
        wait(d -> text(By.id("who")).endsWith("(manager)"));
        markClick();
        click(By.cssSelector("#nav a[data-screen=team]"));
        By card = By.cssSelector("#team [data-csm-id='" + DemoSeed.CSM + "']");
        waitFor(card);
        timing("team", "Team, from the click on its link");
        assertThat(chrome.getCurrentUrl()).isEqualTo(base + "/#/team");

        JsonNode team = api("GET", "/api/orchestrator/team", minter.mint(DemoSeed.MANAGER), null);
        JsonNode line = lineOf(team, DemoSeed.CSM);
        assertThat(line.path("open").asInt()).as("the API counts the work made above").isGreaterThanOrEqualTo(4);
        assertThat(line.path("escalations_open").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(line.path("completed_7d").asInt()).isGreaterThanOrEqualTo(1);
        WebElement shown = chrome.findElement(card);
        assertThat(shown.findElement(By.cssSelector("h2")).getText()).isEqualTo(line.path("csm").path("name").asText());
        for (String count : PLAIN_COUNTS) {
            assertThat(count(shown, count)).as(count).isEqualTo(line.path(count).asText());
        }
        for (String label : List.of("Critical", "High", "Medium", "Low")) {
            assertThat(count(shown, "open_by_label." + label)).as(label)
                    .isEqualTo(label + " · " + line.path("open_by_label").path(label).asInt(0));
        }
        assertThat(count(shown, "oldest_escalation_wait_hours")).isEqualTo(line.path("oldest_escalation_wait_hours").asInt() + " h");
        assertThat(count(shown, "completed")).isEqualTo(line.path("completed_7d").asInt() + " / " + line.path("completed_30d").asInt());
        assertThat(count(shown, "skipped")).isEqualTo(line.path("skipped_7d").asInt() + " / " + line.path("skipped_30d").asInt());
        assertThat(count(shown, "escalation_breached")).isEqualTo(line.path("escalation_breached").asBoolean() ? "Yes" : "No");
        assertThat(shown.findElements(By.cssSelector("[data-flag=escalation_breached]")).isEmpty())
                .isEqualTo(!line.path("escalation_breached").asBoolean());
        List<String> listed = chrome.findElements(By.cssSelector("#team > li")).stream().map(e -> e.getDomAttribute("data-csm-id")).toList();
        List<String> expected = new ArrayList<>();
        team.path("csms").forEach(l -> expected.add(l.path("csm").path("id").asText()));
        assertThat(listed).as("one card per line of the API, in its order").containsExactlyElementsOf(expected);
        shot("team");

        // the CSM's name opens their list: exactly what the API lists for them
        markClick();
        click(shown.findElement(By.cssSelector("a.member-name")));
        wait(d -> text(By.tagName("h1")).equals("Work of " + line.path("csm").path("name").asText()));
        timing("queue", "a CSM's list, from the click on their name in Team");
        assertThat(rowIds("#queue-rows")).containsExactlyElementsOf(listed(DemoSeed.CSM, minter.mint(DemoSeed.MANAGER)));
    }

    @Test
    void aManagerReassignsACsmsItemToAnotherCsmOfTheTeamAndSeesThePerItemResults() throws Exception {
        UUID from = newCsm("Ada Alpha");
        UUID to = newCsm("Ben Beta");
        customer("Reassign One", from, 9);
        customer("Reassign Two", from, 8);
        customer("Beta Own", to, 7);
        List<String> fromWork = queueOrder(from);
        String moved = fromWork.get(0);
        String manager = minter.mint(DemoSeed.MANAGER);
        signedIn(manager);

        chrome.get(base + "/#/team");
        click(By.cssSelector("#team [data-csm-id='" + from + "'] a.member-name"));
        wait(d -> text(By.tagName("h1")).equals("Work of Ada Alpha") && rowIds("#queue-rows").size() == 2);
        assertThat(chrome.getCurrentUrl()).endsWith("#/queue?csm_id=" + from);
        assertThat(rowIds("#queue-rows")).containsExactlyElementsOf(fromWork);

        click(By.id("select-" + moved));
        click(By.id("bulk-reassign"));
        Select people = new Select(waitFor(By.cssSelector("[data-picker=reassign] select[name=csm_id]")));
        assertThat(people.getOptions().stream().map(WebElement::getText).toList())
                .as("the team, without the CSM whose list this is").contains("Ben Beta", "Casey CSM").doesNotContain("Ada Alpha");
        people.selectByVisibleText("Ben Beta");
        click(By.cssSelector("[data-picker=reassign] button[type=submit]"));

        wait(d -> text(By.id("bulk-results-title")).equals("Reassigned: 1 of 1 done"));
        assertThat(text(By.cssSelector("#bulk-results [data-execution-id='" + moved + "']"))).isEqualTo("Done Churn save for Reassign One");
        assertThat(text(By.id("status"))).isEqualTo("1 done, 0 failed");
        assertThat(rowIds("#queue-rows")).as("the filters keep csm_id: Ada's list, without the moved item")
                .containsExactly(fromWork.get(1));
        JsonNode stored = api("GET", "/api/orchestrator/executions/" + moved, manager, null);
        assertThat(stored.path("assigned_csm_id").asText()).isEqualTo(to.toString());
        shot("queue-reassigned");

        // Ben's list, opened from Team, holds it now, in the API's order
        chrome.get(base + "/#/team");
        click(By.cssSelector("#team [data-csm-id='" + to + "'] a.member-name"));
        wait(d -> text(By.tagName("h1")).equals("Work of Ben Beta") && rowIds("#queue-rows").contains(moved));
        assertThat(rowIds("#queue-rows")).containsExactlyElementsOf(listed(to, manager)).hasSize(2);
    }

    @Test
    void bulkSnoozeShowsWhichItemsSucceededAndWhichFailedAndWhy() throws Exception {
        UUID csm = newCsm("Cy Results");
        customer("Results One", csm, 9);
        customer("Results Two", csm, 8);
        customer("Results Three", csm, 7);
        List<String> order = queueOrder(csm);
        String token = minter.mint(csm);
        signedIn(token);

        chrome.get(base + "/#/queue");
        wait(d -> rowIds("#queue-rows").size() == 3);
        assertThat(chrome.findElement(By.cssSelector("#nav a[data-screen=team]")).isDisplayed()).as("no Team for a CSM").isFalse();
        assertThat(chrome.findElements(By.id("bulk-reassign"))).as("a CSM may not reassign").isEmpty();
        click(By.id("select-" + order.get(0)));
        click(By.id("select-" + order.get(1)));
        // the second one is completed elsewhere after the list was drawn: its snooze must fail, alone
        api("PATCH", "/api/orchestrator/executions/" + order.get(1) + "/status", token, "{\"status\":\"underway\"}");
        api("PATCH", "/api/orchestrator/executions/" + order.get(1) + "/status", token, "{\"status\":\"completed\"}");
        click(By.id("bulk-snooze"));
        click(waitFor(By.xpath("//*[@data-picker='snooze']//button[text()='1 week']")));
        click(By.cssSelector("[data-picker=snooze] button[type=submit]"));

        wait(d -> text(By.id("bulk-results-title")).equals("Snoozed: 1 of 2 done, 1 failed"));
        assertThat(text(By.cssSelector("#bulk-results [data-execution-id='" + order.get(0) + "']")))
                .isEqualTo("Done Churn save for Results One");
        String failed = text(By.cssSelector("#bulk-results [data-execution-id='" + order.get(1) + "']"));
        assertThat(failed).startsWith("Failed (409) Churn save for Results Two — ").contains("completed");
        assertThat(text(By.id("status"))).startsWith("1 done, 1 failed: ");
        shot("queue-bulk-results");
        assertThat(api("GET", "/api/orchestrator/executions/" + order.get(0), token, null).path("status").asText()).isEqualTo("snoozed");
        assertThat(api("GET", "/api/orchestrator/executions/" + order.get(1), token, null).path("status").asText())
                .as("the failed item is left as it was").isEqualTo("completed");
    }

    @Test
    void aManagerProposesARebalanceAppliesItAndTheMovedItemsChangeCsmAndTheCountsRedraw() throws Exception {
        // a team of its own, so the other tests' CSMs (no capacity: they take no part) change nothing here
        UUID manager = profile("Rhea Rebalance", "manager", null, null);
        UUID over = profile("Olga Over", "csm", manager, 1);
        UUID room = profile("Ravi Room", "csm", manager, 5);
        String token = minter.mint(manager);
        signedIn(token);
        chrome.get(base + "/#/team");
        waitFor(By.cssSelector("#team [data-csm-id='" + over + "']"));
        assertThat(chrome.findElement(By.cssSelector("#team [data-csm-id='" + over + "'] a.reassign-link")).getText())
                .as("the way to a CSM's list, where their work is reassigned, is named").startsWith("Reassign their work");

        // nobody above capacity yet: the proposal says so
        click(By.id("rebalance-propose"));
        wait(d -> text(By.id("rebalance-summary")).equals("Nobody is above capacity: nothing to move"));
        assertThat(chrome.findElements(By.id("rebalance-apply"))).isEmpty();

        // Olga gets three items (capacity 1); the two of lowest priority go to Ravi, who has room
        customer("Keep Highest", over, 9);
        customer("Move Middle", over, 8);
        customer(MARKUP, over, 7);
        click(By.id("rebalance-propose"));
        wait(d -> text(By.id("rebalance-summary")).equals("Proposal: 2 moves"));
        JsonNode proposed = api("POST", "/api/orchestrator/team/rebalance?dry_run=true", token, null);
        assertThat(proposed.path("moves")).hasSize(2);
        List<String> movedIds = new ArrayList<>();
        for (JsonNode move : proposed.path("moves")) {
            movedIds.add(move.path("execution_id").asText());
            WebElement shown = chrome.findElement(By.cssSelector("#rebalance-moves [data-execution-id='"
                    + move.path("execution_id").asText() + "']"));
            assertThat(shown.findElement(By.className("move-customer")).getText()).isEqualTo(move.path("customer").path("name").asText());
            assertThat(shown.findElement(By.className("move-from")).getText()).isEqualTo("Olga Over");
            assertThat(shown.findElement(By.className("move-to")).getText()).isEqualTo("Ravi Room");
            assertThat(shown.findElement(By.className("move-reason")).getText()).isEqualTo(move.path("reason").asText());
        }
        assertThat(rowIds("#rebalance-moves")).containsExactlyElementsOf(movedIds);
        assertThat(chrome.findElements(By.cssSelector("#rebalance-moves .move-customer")).stream().map(WebElement::getText))
                .as("a customer named as markup shows as text").contains(MARKUP);
        assertThat(chrome.findElements(By.cssSelector("#rebalance img"))).isEmpty();
        assertThat(api("GET", "/api/orchestrator/executions/" + movedIds.get(0), token, null).path("assigned_csm_id").asText())
                .as("a proposal moves nothing").isEqualTo(over.toString());
        shot("team-rebalance-proposal");

        // Apply: each item's result, the moves made in the API, and the cards redrawn in place (no reload)
        chrome.executeScript("window.beforeApply = true");
        click(By.id("rebalance-apply"));
        wait(d -> text(By.id("rebalance-summary")).equals("Applied: 2 of 2 moved"));
        for (String id : movedIds) {
            assertThat(text(By.cssSelector("#rebalance-moves [data-execution-id='" + id + "'] .outcome"))).isEqualTo("Moved");
            assertThat(api("GET", "/api/orchestrator/executions/" + id, token, null).path("assigned_csm_id").asText())
                    .isEqualTo(room.toString());
        }
        JsonNode team = api("GET", "/api/orchestrator/team", token, null);
        for (UUID csm : List.of(over, room)) {
            By open = By.cssSelector("#team [data-csm-id='" + csm + "'] [data-count=open]");
            wait(d -> text(open).equals(lineOf(team, csm).path("open").asText()));
        }
        assertThat(lineOf(team, over).path("open").asInt()).isEqualTo(1);
        assertThat(lineOf(team, room).path("open").asInt()).isEqualTo(2);
        assertThat(chrome.executeScript("return window.beforeApply === true")).as("redrawn without a reload").isEqualTo(true);
        assertThat(text(By.id("status"))).isEqualTo("Rebalance applied: 2 moved, 0 failed.");
        shot("team-rebalance-applied");

        // at capacity now: nothing more to move
        click(By.id("rebalance-propose"));
        wait(d -> text(By.id("rebalance-summary")).equals("Nobody is above capacity: nothing to move"));

        // the API's refusal is shown where it happened: here the tab's token is swapped for a CSM's
        chrome.executeScript("sessionStorage.setItem('orchestrator.token', arguments[0])", minter.mint(over));
        click(By.id("rebalance-propose"));
        wait(d -> text(By.id("rebalance-error")).startsWith("Rebalance failed (403): "));
        assertThat(text(By.id("rebalance-error"))).contains("managers");
    }

    @Test
    void atThreeHundredSeventyFivePixelsTheTeamFitsAndEveryControlIsLabelled() throws Exception {
        signedIn(minter.mint(DemoSeed.MANAGER));
        waitFor(By.cssSelector("#nav a[data-screen=team]"));
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 375, "height", 812, "deviceScaleFactor", 1, "mobile", true));
        try {
            for (String screen : List.of("team", "queue?csm_id=" + DemoSeed.CSM)) {
                chrome.get(base + "/#/" + screen);
                wait(d -> screen.startsWith(String.valueOf(chrome.executeScript("return document.getElementById('main').dataset.ready"))));
                long width = (Long) chrome.executeScript("return document.documentElement.scrollWidth");
                assertThat(width).as(screen + " is as wide as the screen").isLessThanOrEqualTo(375);
                Object unlabelled = chrome.executeScript("return [...document.querySelectorAll('input, select, textarea, button, a')]"
                        + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())"
                        + ".map(e => e.outerHTML)");
                assertThat((List<?>) unlabelled).as(screen + ": controls without a name").isEmpty();
            }
        } finally {
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    // ---- the browser -----------------------------------------------------------------------


    private void markClick() {
        chrome.executeScript("performance.clearMarks('dashboard:click'); performance.mark('dashboard:click')");
    }

    /** From the last {@link #markClick()} to the screen's last ready mark, by the browser's clock, into target/dashboard-timing.txt. */
    private void timing(String screen, String what) throws IOException {
        wait(d -> (Boolean) chrome.executeScript("const r = performance.getEntriesByName('dashboard:ready:" + screen + "');"
                + "return r.length > 0 && r[r.length - 1].startTime > performance.getEntriesByName('dashboard:click')[0].startTime"));
        Number ms = (Number) chrome.executeScript("const r = performance.getEntriesByName('dashboard:ready:" + screen + "');"
                + "return r[r.length - 1].startTime - performance.getEntriesByName('dashboard:click')[0].startTime");
        String line = String.format("dashboard timing (%s): ready %.0f ms%n", what, ms.doubleValue());
        System.out.print(line);
        Files.writeString(Path.of("target/dashboard-timing.txt"), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String count(WebElement card, String key) {
        return card.findElement(By.cssSelector("[data-count='" + key + "']")).getText();
    }

    // ---- data, through the public API ----------------------------------------------------

    /** A profile of the demo organization; capacity null is unlimited. */
    private UUID profile(String name, String role, UUID manager, Integer capacity) throws Exception {
        UUID id = UUID.randomUUID();
        Map<String, Object> body = new LinkedHashMap<>(Map.of("email", id + "@demo.example", "full_name", name, "role", role));
        if (manager != null) {
            body.put("manager_id", manager.toString());
        }
        if (capacity != null) {
            body.put("capacity", capacity);
        }
        api("PUT", "/api/profiles/" + id, admin(), JSON.writeValueAsString(body));
        return id;
    }

    private static JsonNode lineOf(JsonNode team, UUID csm) {
        for (JsonNode line : team.path("csms")) {
            if (line.path("csm").path("id").asText().equals(csm.toString())) {
                return line;
            }
        }
        throw new AssertionError("no line for " + csm + " in " + team);
    }

    /** What the queue screen lists for `csm` by default (open, not snoozed, best first), as the API answers it. */
    private List<String> listed(UUID csm, String token) throws Exception {
        List<String> ids = new ArrayList<>();
        api("GET", "/api/orchestrator/executions?status=not_started&status=underway&limit=100&csm_id="
                + URLEncoder.encode(csm.toString(), StandardCharsets.UTF_8), token, null)
                .path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

}
