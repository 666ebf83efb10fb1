package dev.orchestrator.benchmarks.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.ScriptTimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard's Today screen (issue 15: interactive within 1 s of navigation on the 1M data set) in
 * headless Chromium against serve on the seeded data. Two real CSMs: the one with the largest open queue
 * and the median one. Each gets a browser of their own (empty profile) and signs in as a user does:
 * the sign-in page, a bearer token pasted, Sign in. Then Today is opened {@code opens} times: the first
 * a new document with the browser's cache emptied, the others reloads. From each the page's own clock:
 * Navigation Timing, the dashboard's {@code dashboard:ready:today} mark (the card is drawn), and the
 * {@code today-workflows} request's Resource Timing entry. Skipped, with one line, where no Chromium is
 * installed.
 */
final class DashboardSection {

    private static final double TARGET_MS = 1000;
    private static final String READY = "dashboard:ready:today";
    private static final String TIMINGS = "const n = performance.getEntriesByType('navigation')[0];"
            + "const r = performance.getEntriesByName('" + READY + "')[0];"
            + "const api = performance.getEntriesByType('resource').filter(e => new URL(e.name).pathname.startsWith('/api/'));"
            + "const w = api.filter(e => new URL(e.name).pathname === '/api/dashboard/today-workflows').pop();"
            + "const card = document.getElementById('today-card');"
            + "return {dom_interactive: n.domInteractive, load_end: n.loadEventEnd, ready: r ? r.startTime : null,"
            + " today_server: w ? w.responseStart - w.requestStart : null, api_calls: api.length,"
            + " api_server: api.reduce((sum, e) => sum + (e.responseStart - e.requestStart), 0),"
            + " execution: card ? (card.dataset.executionId || '') : null};";

    /** One CSM the section signs in as. */
    private record Csm(String role, String id, String name, long open) {
    }

    private DashboardSection() {
    }

    static void run(Context ctx, String db, String label, ServeProcess serve) throws Exception {
        Report r = ctx.report;
        Options o = ctx.options;
        r.heading(3, "Dashboard: Today in a browser (" + label + ")");
        String absent = HeadlessChromium.absence();
        if (absent != null) {
            r.paragraph("Skipped: " + absent + ".");
            System.err.println("[suite] dashboard section skipped: " + absent);
            return;
        }
        List<Csm> csms = pick(ctx, db);
        int opens = o.quick ? 3 : 20;
        String load = Context.load();
        List<List<String>> rows = new ArrayList<>();
        List<String> verdicts = new ArrayList<>();
        for (Csm csm : csms) {
            ChromeDriver chrome = HeadlessChromium.start();
            try {
                double[] signIn = signIn(chrome, serve, ctx.tokens.mint(csm.id()));
                List<TodayOpens.Open> list = new ArrayList<>();
                boolean empty = false;
                for (int i = 0; i < opens; i++) {
                    if (i == 0) {
                        // a new document with nothing cached: the morning's first open after signing in
                        chrome.executeCdpCommand("Network.clearBrowserCache", Map.of());
                        chrome.get("about:blank");
                        chrome.get(serve.baseUrl() + "/#/today");
                    } else {
                        chrome.navigate().refresh();
                    }
                    Map<String, Object> t = awaitReady(chrome);
                    empty |= !(t.get("execution") instanceof String id) || id.isEmpty();
                    list.add(new TodayOpens.Open(num(t.get("dom_interactive")), num(t.get("load_end")),
                            num(t.get("ready")), num(t.get("today_server")), num(t.get("api_server")),
                            (int) num(t.get("api_calls"))));
                }
                if (empty) {
                    r.problem(label + " dashboard: Today showed no card for the " + csm.role() + " CSM (" + csm.open()
                            + " open): the timing is of an empty screen");
                }
                TodayOpens all = new TodayOpens(list);
                String key = "dashboard." + label + "." + csm.role() + ".";
                r.figure(key + "open_queue", csm.open());
                r.figure(key + "sign_in_ready_ms", signIn[0]);
                r.figure(key + "sign_in_api_server_ms", signIn[1]);
                r.figure(key + "first_ready_ms", all.first().ready());
                r.figure(key + "ready_p50_ms", all.percentile(TodayOpens.Open::ready, 50));
                r.figure(key + "ready_p95_ms", all.percentile(TodayOpens.Open::ready, 95));
                r.figure(key + "ready_max_ms", all.max(TodayOpens.Open::ready));
                r.figure(key + "today_workflows_p50_ms", all.percentile(TodayOpens.Open::todayServer, 50));
                r.figure(key + "today_workflows_max_ms", all.max(TodayOpens.Open::todayServer));
                r.figure(key + "api_server_p50_ms", all.percentile(TodayOpens.Open::apiServer, 50));
                rows.add(List.of(csm.role() + " (" + csm.name() + ")", Report.count(csm.open()), Integer.toString(opens),
                        Report.fmt(signIn[0]) + " (" + Report.fmt(signIn[1]) + ")", Report.fmt(all.first().ready()),
                        Report.fmt(all.percentile(TodayOpens.Open::ready, 50)),
                        Report.fmt(all.percentile(TodayOpens.Open::ready, 95)), Report.fmt(all.max(TodayOpens.Open::ready)),
                        Report.fmt(all.percentile(TodayOpens.Open::domInteractive, 50)),
                        Report.fmt(all.percentile(TodayOpens.Open::loadEnd, 50)),
                        Report.fmt(all.percentile(TodayOpens.Open::todayServer, 50)) + " / "
                                + Report.fmt(all.max(TodayOpens.Open::todayServer)),
                        Report.fmt(all.percentile(TodayOpens.Open::apiServer, 50)),
                        Integer.toString(all.first().apiCalls())));
                verdicts.add(String.format("%s: %d of %d opens ready within %.0f ms (max %s ms; every open: %s ms)",
                        csm.role(), all.readyWithin(TARGET_MS), opens, TARGET_MS,
                        Report.fmt(all.max(TodayOpens.Open::ready)), all));
            } finally {
                chrome.quit();
            }
        }
        r.paragraph(String.format("serve on `%s`, the browser on the same machine (headless Chromium, chromedriver, "
                + "Selenium); one browser per CSM, signed in through the sign-in page with a bearer token. Each CSM "
                + "opens Today %d times: the first a new document with the browser cache emptied, then reloads. Times "
                + "are the page's own clock in ms from navigation start: Navigation Timing (`domInteractive`, "
                + "`loadEventEnd`) and the dashboard's `%s` mark (the card is drawn, after the profiles, "
                + "today-workflows and execution calls). *sign-in*: from the click on Sign in to the mark (in brackets: of it, "
                + "waiting for serve's answers; the busiest CSM is the first caller of a serve just started). "
                + "*today-workflows*: its Resource Timing entry, request sent to first byte (serve's time plus "
                + "loopback); *all API calls*: the same summed over the page's API requests (one after another). "
                + "Load average before: %s; after: %s.", db, opens, READY, load, Context.load()));
        r.table(List.of("CSM", "open queue", "opens", "sign-in → ready", "first open ready", "ready p50", "ready p95",
                "ready max", "DOM interactive p50", "load p50", "today-workflows p50 / max", "all API calls p50", "API calls"),
                rows);
        r.paragraph("Against the target (ready ≤ " + Report.fmt(TARGET_MS) + " ms): " + String.join("; ", verdicts) + ".");
    }

    /** The CSM with the largest open queue (not started or underway, as Today reads it) and the median one. */
    private static List<Csm> pick(Context ctx, String db) throws Exception {
        List<Csm> csms = new ArrayList<>();
        try (Connection c = ctx.pg.connect(db); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("WITH open AS (SELECT p.id, p.full_name, count(e.id) AS n FROM profiles p "
                        + "LEFT JOIN workflow_executions e ON e.assigned_csm_id = p.id AND NOT e.is_demo "
                        + "AND e.status IN ('not_started', 'underway') WHERE p.role = 'csm' GROUP BY p.id, p.full_name), "
                        + "ranked AS (SELECT id, full_name, n, row_number() OVER (ORDER BY n DESC, id) AS rank, "
                        + "count(*) OVER () AS total FROM open) "
                        + "SELECT CASE WHEN rank = 1 THEN 'busiest' ELSE 'median' END, id, full_name, n FROM ranked "
                        + "WHERE rank = 1 OR rank = (total + 1) / 2 ORDER BY rank")) {
            while (rs.next()) {
                csms.add(new Csm(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
            }
        }
        if (csms.isEmpty()) {
            throw new IllegalStateException("no CSM in " + db);
        }
        return csms;
    }

    /**
     * Signs in through the sign-in page as a user does: the ms from the click on Sign in to Today's ready
     * mark, and of them the ms waited for serve's answers (request sent to first byte, summed).
     */
    private static double[] signIn(ChromeDriver chrome, ServeProcess serve, String token) {
        chrome.get(serve.baseUrl() + "/");
        awaitElement(chrome, "token");
        chrome.findElement(By.id("token")).sendKeys(token);
        chrome.executeScript("performance.mark('bench:sign-in')");
        chrome.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
        Map<String, Object> t = awaitReady(chrome);
        return new double[] {num(chrome.executeScript("return performance.getEntriesByName('" + READY + "')[0].startTime"
                + " - performance.getEntriesByName('bench:sign-in')[0].startTime")), num(t.get("api_server"))};
    }

    private static void awaitElement(ChromeDriver chrome, String id) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (chrome.findElements(By.id(id)).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the sign-in page showed no #" + id + " within 30 s");
            }
            pause();
        }
    }

    /**
     * Waits (at most 30 s) for Today's ready mark, then reads the page's timings. The page tells when
     * (its {@code dashboard:ready} event): no polling script competes with it for the browser's main thread.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> awaitReady(ChromeDriver chrome) {
        try {
            chrome.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "if (performance.getEntriesByName('" + READY + "').length > 0) done(true);"
                    + "else document.addEventListener('dashboard:ready', (e) => { if (e.detail === 'today') done(true); });");
        } catch (ScriptTimeoutException e) {
            throw new IllegalStateException("Today was not ready within 30 s; the page said: "
                    + chrome.findElement(By.id("main")).getText(), e);
        }
        return (Map<String, Object>) chrome.executeScript(TIMINGS);
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the browser", e);
        }
    }

    private static double num(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
