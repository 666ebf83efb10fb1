package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.persistence.load.DemoSeed;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard's Analytics screen end to end, set up as {@link DashboardBrowserTest} is (a real
 * {@code serve --demo}, headless Chromium, work made through the public API): what it shows is what
 * {@code GET /api/orchestrator/analytics} answers, never a number written here.
 */
class DashboardAnalyticsBrowserTest extends DashboardBrowserBase {

    @Test
    void theDemoCsmSeesTheirMetricsAndTheRuleQualityAsTheApiGivesThem() throws Exception {
        String csm = minter.mint(DemoSeed.CSM);
        customer("Analytics Done", DemoSeed.CSM, 9);
        customer("Analytics Noise", DemoSeed.CSM, 8);
        List<String> work = new ArrayList<>();
        api("GET", "/api/orchestrator/executions?workflow_type=risk", csm, null).path("items")
                .forEach(item -> work.add(item.path("id").asText()));
        assertThat(work).hasSizeGreaterThanOrEqualTo(2);
        api("PATCH", "/api/orchestrator/executions/" + work.get(0) + "/status", csm, "{\"status\":\"underway\"}");
        api("PATCH", "/api/orchestrator/executions/" + work.get(0) + "/status", csm, "{\"status\":\"completed\"}");
        api("POST", "/api/orchestrator/executions/" + work.get(1) + "/skip", csm, "{\"reason_code\":\"not_relevant\"}");

        chrome.get(base + "/sign-in");
        waitFor(By.id("token")).sendKeys(csm);
        click(By.cssSelector("#sign-in-form button[type=submit]"));
        wait(d -> !text(By.id("who")).isEmpty());
        click(By.cssSelector("#nav a[data-screen=analytics]"));
        waitFor(By.cssSelector("#analytics-lines tr[data-key=total]"));

        JsonNode report = api("GET", "/api/orchestrator/analytics", csm, null);
        JsonNode total = report.path("total");
        assertThat(total.path("completed").asInt()).as("the API counts the work done above").isGreaterThanOrEqualTo(1);
        assertThat(total.path("skipped_by_reason").path("not_relevant").asInt()).isGreaterThanOrEqualTo(1);
        WebElement row = chrome.findElement(By.cssSelector("#analytics-lines tr[data-key=total]"));
        for (String count : List.of("created", "completed", "skipped", "auto_closed", "snoozed", "escalations", "overdue")) {
            assertThat(metric(row, count)).as(count).isEqualTo(total.path(count).asText());
        }
        assertThat(metric(row, "completion_rate"))
                .isEqualTo(Math.round(total.path("completion_rate").asDouble() * 100) + "%");
        assertThat(chrome.findElement(By.cssSelector("#analytics-lines caption")).getText())
                .contains(report.path("from").asText()).contains(report.path("to").asText());

        // by definition: one row per group of the API, in its order, and the rule ranking as it ranks
        new Select(chrome.findElement(By.cssSelector("#analytics-form select[name=group_by]"))).selectByValue("definition");
        click(By.cssSelector("#analytics-form button[type=submit]"));
        wait(d -> chrome.getCurrentUrl().contains("group_by=definition")
                && !chrome.findElements(By.cssSelector("#analytics-lines th[scope=col]")).isEmpty()
                && text(By.cssSelector("#analytics-lines th[scope=col]")).equals("Group"));
        JsonNode grouped = api("GET", "/api/orchestrator/analytics?group_by=definition&from=" + report.path("from").asText()
                + "&to=" + report.path("to").asText(), csm, null);
        List<String> keys = new ArrayList<>();
        grouped.path("groups").forEach(g -> keys.add(g.path("key").asText()));
        keys.add("total");
        assertThat(chrome.findElements(By.cssSelector("#analytics-lines tbody tr")).stream()
                .map(e -> e.getDomAttribute("data-key")).toList()).containsExactlyElementsOf(keys);
        List<String> ranked = new ArrayList<>();
        grouped.path("rule_quality").forEach(q -> ranked.add(q.path("definition").path("id").asText()));
        assertThat(chrome.findElements(By.cssSelector("#rule-quality tbody tr")).stream()
                .map(e -> e.getDomAttribute("data-definition-id")).toList()).containsExactlyElementsOf(ranked);
        JsonNode worst = grouped.path("rule_quality").get(0);
        WebElement first = chrome.findElement(By.cssSelector("#rule-quality tbody tr"));
        assertThat(metric(first, "noise_share")).isEqualTo(Math.round(worst.path("noise_share").asDouble() * 100) + "%");
        assertThat(metric(first, "noisy")).isEqualTo(worst.path("noisy").asText());
        shot("analytics");
    }

    private static String metric(WebElement row, String name) {
        return row.findElement(By.cssSelector("[data-metric=" + name + "]")).getText();
    }
}
