package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.persistence.load.DemoSeed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    /** A definition name a spreadsheet would run as a formula, with a comma, quotes and markup. */
    private static final String FORMULA_NAME = "=HYPERLINK(\"http://x.example\"),<b>bold</b>";
    private static final Path DOWNLOADS = Path.of("target/dashboard-downloads").toAbsolutePath();

    @Test
    void thePlotsDrawTheApisNumbersAndEachCsvHoldsThemSafely() throws Exception {
        // a CSM of their own (their analytics are their own work) and a second definition of another type,
        // so there are two types, two definitions and two skip reasons to draw
        UUID csm = newCsm("Ana Lytics");
        String token = minter.mint(csm);
        JsonNode odd = api("POST", "/api/orchestrator/definitions", admin(), JSON.writeValueAsString(Map.of(
                "name", FORMULA_NAME, "workflow_type", "opportunity", "trigger_conditions", Map.of("risk_score_min", 5))));
        try {
            for (Map.Entry<String, Integer> c : Map.of("Plot One", 9, "Plot Two", 8, "Plot Three", 6).entrySet()) {
                api("PUT", "/api/customers/" + UUID.randomUUID(), admin(), JSON.writeValueAsString(Map.of("name", c.getKey(),
                        "csm_id", csm.toString(), "properties", Map.of("churn_risk_score", c.getValue()))));
            }
        } finally {
            // the other test's customers must each make exactly one item of the risk definition
            api("DELETE", "/api/orchestrator/definitions/" + odd.path("id").asText(), admin(), null);
        }
        Map<String, List<String>> work = new LinkedHashMap<>();
        api("GET", "/api/orchestrator/executions?limit=100", token, null).path("items").forEach(item -> work.computeIfAbsent(
                item.path("customer").path("name").asText(), k -> new ArrayList<>()).add(item.path("id").asText()));
        assertThat(work.get("Plot One")).hasSize(2);
        for (String id : work.get("Plot One")) {
            api("PATCH", "/api/orchestrator/executions/" + id + "/status", token, "{\"status\":\"underway\"}");
            api("PATCH", "/api/orchestrator/executions/" + id + "/status", token, "{\"status\":\"completed\"}");
        }
        for (String id : work.get("Plot Two")) {
            api("POST", "/api/orchestrator/executions/" + id + "/skip", token, "{\"reason_code\":\"not_relevant\"}");
        }
        api("POST", "/api/orchestrator/executions/" + work.get("Plot Three").get(0) + "/skip", token, "{\"reason_code\":\"duplicate\"}");

        signedIn(token);
        chrome.get(base + "/#/analytics");
        wait(d -> "analytics".equals(chrome.executeScript("return document.getElementById('main').dataset.ready")));
        JsonNode report = api("GET", "/api/orchestrator/analytics", token, null);
        String period = "&from=" + report.path("from").asText() + "&to=" + report.path("to").asText();
        JsonNode weekly = api("GET", "/api/orchestrator/analytics?group_by=week" + period, token, null);
        JsonNode byType = api("GET", "/api/orchestrator/analytics?group_by=workflow_type" + period, token, null);

        // one bar per group of the API, each as long as its number
        assertThat(byType.path("groups")).as("risk and opportunity").hasSize(2);
        assertThat(bars("chart-completion-by-week")).hasSize(weekly.path("groups").size()).isNotEmpty();
        for (int i = 0; i < weekly.path("groups").size(); i++) {
            JsonNode g = weekly.path("groups").get(i);
            WebElement bar = bars("chart-completion-by-week").get(i);
            assertThat(bar.getDomAttribute("data-label")).isEqualTo(g.path("label").asText());
            assertThat(values(bar)).containsExactly(g.path("completion_rate").asDouble() * 100);
        }
        assertThat(bars("chart-time-to-complete")).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode g = byType.path("groups").get(i);
            assertThat(bars("chart-time-to-complete").get(i).getDomAttribute("data-label")).isEqualTo(g.path("label").asText());
            assertThat(values(bars("chart-time-to-complete").get(i))).as("median and p90").containsExactly(
                    g.path("time_to_complete_median_seconds").asDouble(), g.path("time_to_complete_p90_seconds").asDouble());
        }
        JsonNode reasons = report.path("total").path("skipped_by_reason");
        assertThat(reasons.size()).as("not_relevant and duplicate").isEqualTo(2);
        assertThat(bars("chart-skip-reasons")).hasSize(2);
        assertThat(bars("chart-skip-reasons").get(0).getDomAttribute("data-label")).isEqualTo("Not relevant (not_relevant)");
        assertThat(values(bars("chart-skip-reasons").get(0))).containsExactly(reasons.path("not_relevant").asDouble());
        JsonNode quality = report.path("rule_quality");
        assertThat(quality).hasSize(2);
        assertThat(bars("chart-noisiest-triggers")).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(values(bars("chart-noisiest-triggers").get(i))).containsExactly(quality.get(i).path("noise_share").asDouble() * 100);
        }
        assertThat(chrome.findElements(By.cssSelector("#analytics-charts b"))).as("a name as markup is text").isEmpty();
        assertThat(chrome.findElement(By.cssSelector("#chart-noisiest-triggers svg desc")).getDomProperty("textContent"))
                .as("the text alternative names every bar").contains(FORMULA_NAME);
        assertThat(chrome.findElements(By.cssSelector("#analytics-lines tr[data-key=total]"))).as("the tables stay").hasSize(1);
        // a tall window, so the picture holds all four plots
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1100, "height", 1250, "deviceScaleFactor", 1, "mobile", false));
        try {
            shot("analytics-plots");
        } finally {
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }

        // each CSV, downloaded as a user does (the link's Blob URL, under the page's CSP), holds the same numbers
        Files.createDirectories(DOWNLOADS);
        chrome.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", DOWNLOADS.toString()));
        List<String> noisiest = download("noisiest-triggers.csv");
        assertThat(noisiest.get(0)).isEqualTo("definition_id,definition,ended,noisy,noise_share,noisy_age_median_seconds");
        assertThat(noisiest).hasSize(1 + quality.size());
        for (int i = 0; i < quality.size(); i++) {
            JsonNode q = quality.get(i);
            String name = q.path("definition").path("name").asText();
            assertThat(noisiest.get(1 + i)).isEqualTo(String.join(",", q.path("definition").path("id").asText(),
                    name.equals(FORMULA_NAME) ? "\"'=HYPERLINK(\"\"http://x.example\"\"),<b>bold</b>\"" : name,
                    q.path("ended").asText(), q.path("noisy").asText(), number(q.path("noise_share")),
                    number(q.path("noisy_age_median_seconds"))));
        }
        List<String> byWeek = download("completion-rate-by-week.csv");
        assertThat(byWeek.get(0)).isEqualTo("week,completion_rate,completed,skipped,auto_closed");
        assertThat(byWeek).hasSize(1 + weekly.path("groups").size());
        JsonNode week = weekly.path("groups").get(0);
        assertThat(byWeek.get(1)).isEqualTo(String.join(",", week.path("key").asText(), number(week.path("completion_rate")),
                week.path("completed").asText(), week.path("skipped").asText(), week.path("auto_closed").asText()));
        List<String> skips = download("skips-by-reason.csv");
        assertThat(skips).containsExactly("reason_code,skipped", "not_relevant," + reasons.path("not_relevant").asInt(),
                "duplicate," + reasons.path("duplicate").asInt());

        // at 375 px the plots shrink with their cards: nothing scrolls sideways, every control has a name
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 375, "height", 812, "deviceScaleFactor", 1, "mobile", true));
        try {
            chrome.navigate().refresh();
            wait(d -> "analytics".equals(chrome.executeScript("return document.getElementById('main').dataset.ready")));
            long width = (Long) chrome.executeScript("return document.documentElement.scrollWidth");
            assertThat(width).as("Analytics is as wide as the screen").isLessThanOrEqualTo(375);
            Object unlabelled = chrome.executeScript("return [...document.querySelectorAll('input, select, textarea, button, a, summary')]"
                    + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())"
                    + ".map(e => e.outerHTML)");
            assertThat((List<?>) unlabelled).as("controls without a name").isEmpty();
            shot("analytics-375px");
        } finally {
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    private List<WebElement> bars(String chart) {
        return chrome.findElements(By.cssSelector("#" + chart + " svg g.bar"));
    }

    private static List<Double> values(WebElement bar) {
        return bar.findElements(By.cssSelector("rect.bar-value")).stream()
                .map(r -> Double.parseDouble(r.getDomAttribute("data-value"))).toList();
    }

    /** A JSON number as JavaScript writes it (1.0 is "1"); null is an empty field. */
    private static String number(JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return "";
        }
        double d = value.asDouble();
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** Clicks the chart's CSV link and reads the file the browser saved, line by line (CRLF ends each). */
    private List<String> download(String file) throws Exception {
        Path saved = DOWNLOADS.resolve(file);
        Files.deleteIfExists(saved);
        click(By.cssSelector("a[data-csv='" + file + "']"));
        wait(d -> Files.exists(saved) && !Files.exists(DOWNLOADS.resolve(file + ".crdownload")));
        String text = Files.readString(saved, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n").doesNotContain("\n\n");
        return List.of(text.substring(0, text.length() - 2).split("\r\n", -1));
    }

    private static String metric(WebElement row, String name) {
        return row.findElement(By.cssSelector("[data-metric=" + name + "]")).getText();
    }
}
