package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.persistence.load.DemoSeed;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard's Admin screen, end to end, set up as {@link DashboardBrowserTest} is (a real
 * {@code serve --demo}, headless Chromium, data made through the public API): a definition edited with
 * a bad trigger condition shows the API's problem at the field and saves once fixed; the priority
 * policy's what-if shows each CSM's top 10 before and after as the simulation API answers it, customer
 * names as text; Apply stores version 1.
 */
class DashboardAdminBrowserTest extends DashboardBrowserBase {

    private static final String XSS = "<img src=x onerror=alert(1)>";

    @Test
    void anAdminEditsADefinitionSeesTheProblemAtTheFieldThenTriesAndAppliesAPolicy() throws Exception {
        customer("Admin Globex", DemoSeed.CSM, 9);
        customer(XSS, DemoSeed.CSM, 8);
        signIn(admin());
        wait(d -> text(By.id("who")).endsWith("(admin)"));
        click(By.cssSelector("#nav a[data-screen=admin]"));
        By row = By.cssSelector("#definitions tr[data-definition-id='" + riskDefinition + "']");
        waitFor(row);
        shot("admin");

        click(chrome.findElement(row).findElement(By.tagName("button")));
        WebElement conditions = waitFor(By.cssSelector("#definition-editor textarea[name=trigger_conditions]"));
        conditions.clear();
        conditions.sendKeys("{\"risk_score_min\": 99}");
        click(By.cssSelector("#definition-editor button[type=submit]"));
        By error = By.cssSelector("#definition-editor [data-error-for=trigger_conditions]");
        wait(d -> text(error).contains("trigger_conditions.risk_score_min"));
        assertThat(chrome.switchTo().activeElement().getDomAttribute("name")).isEqualTo("trigger_conditions");
        assertThat(api("GET", "/api/orchestrator/definitions/" + riskDefinition, admin(), null)
                .path("trigger_conditions").path("risk_score_min").asInt()).as("nothing saved").isEqualTo(7);
        shot("admin-definition-problem");

        conditions.clear();
        conditions.sendKeys("{\"risk_score_min\": 6, \"cooldown_days\": 10}");
        click(By.cssSelector("#definition-editor button[type=submit]"));
        wait(d -> text(By.cssSelector("#definitions tr[data-definition-id='" + riskDefinition + "'] .conditions"))
                .contains("risk_score_min: 6"));
        JsonNode saved = api("GET", "/api/orchestrator/definitions/" + riskDefinition, admin(), null);
        assertThat(saved.path("trigger_conditions").path("cooldown_days").asInt()).isEqualTo(10);

        // What if churn risk counted 40 points a point, for renewals too?
        WebElement points = waitFor(By.cssSelector("#policies input[name=churn_risk_points_per_point]"));
        points.clear();
        points.sendKeys("40");
        click(By.cssSelector("#policies input[type=checkbox][value=renewal]"));
        click(By.id("what-if-button"));
        By csmTop = By.cssSelector("#what-if [data-csm-id='" + DemoSeed.CSM + "'] .top-after li");
        wait(d -> !d.findElements(csmTop).isEmpty());
        chrome.executeScript("document.getElementById('what-if').scrollIntoView()");
        shot("admin-what-if");

        JsonNode standard = api("GET", "/api/orchestrator/policies", admin(), null).path("priority_policy");
        ((com.fasterxml.jackson.databind.node.ObjectNode) standard).put("churn_risk_points_per_point", 40);
        ((com.fasterxml.jackson.databind.node.ArrayNode) standard.path("churn_risk_types")).add("renewal");
        JsonNode simulated = api("POST", "/api/orchestrator/simulations", admin(),
                JSON.writeValueAsString(java.util.Map.of("priority_policy", standard, "top_n", 10)));
        JsonNode queue = null;
        for (JsonNode q : simulated.path("csms")) {
            if (q.path("csm_id").asText().equals(DemoSeed.CSM.toString())) {
                queue = q;
            }
        }
        List<String> expected = new ArrayList<>();
        for (JsonNode item : queue.path("top_after")) {
            expected.add(item.path("customer_name").asText() + " · " + item.path("workflow_definition_name").asText()
                    + " (" + item.path("score_after").asInt() + ")");
        }
        List<String> shown = chrome.findElements(csmTop).stream()
                .map(e -> e.getText().replace(" — enters", "")).toList();
        assertThat(shown).isEqualTo(expected);
        assertThat(shown).anyMatch(s -> s.startsWith(XSS + " · "));
        assertThat(api("GET", "/api/orchestrator/policies", admin(), null).path("version").asInt())
                .as("a what-if writes nothing").isZero();

        click(By.id("apply-policy"));
        wait(d -> text(By.id("policy-version")).startsWith("Version 1"));
        JsonNode applied = api("GET", "/api/orchestrator/policies", admin(), null);
        assertThat(applied.path("version").asInt()).isEqualTo(1);
        assertThat(applied.path("priority_policy").path("churn_risk_points_per_point").asInt()).isEqualTo(40);
        assertThat(applied.path("priority_policy").path("churn_risk_types").toString()).contains("renewal");
    }

    @Test
    void anAdminSeesTheJobsAsTheApiListsThem() throws Exception {
        JsonNode jobs = api("GET", "/api/admin/jobs", admin(), null).path("jobs");
        assertThat(jobs.size()).as("the daily job is listed even on an instance that runs none (--no-jobs)")
                .isPositive();
        signIn(admin());
        wait(d -> text(By.id("who")).endsWith("(admin)"));
        click(By.cssSelector("#nav a[data-screen=jobs]"));
        wait(d -> d.findElements(By.cssSelector("main section.card h2")).size() == jobs.size());
        List<String> shown = chrome.findElements(By.cssSelector("main section.card h2")).stream()
                .map(WebElement::getText).toList();
        List<String> listed = new ArrayList<>();
        jobs.forEach(job -> listed.add(job.path("name").asText()));
        assertThat(shown).isEqualTo(listed);
        assertThat(chrome.findElement(By.cssSelector("main section.card p")).getText())
                .startsWith("Schedule: " + jobs.get(0).path("schedule").asText());
        if (jobs.get(0).path("last_runs").isEmpty()) {
            assertThat(text(By.cssSelector("main section.card .no-runs"))).isEqualTo("No runs yet.");
        }
        shot("jobs");
    }
}
