package dev.orchestrator.benchmarks.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The filtered execution list ({@code GET /api/orchestrator/executions}, issue 12) over HTTP under
 * {@code --clients} closed-loop clients: the pages a dashboard reads, through serve and its
 * production statements (no SQL here but the set-up). Phase "csm": a random CSM's own list, one of
 * open work by score, work due within 30 days by due date, critical work, a name search, or the
 * second page of open work (a cursor taken beforehand). Phase "team": a manager's team of 20 CSMs by
 * score, or an admin's organization's critical open work.
 */
final class ListsSection {

    /** The page's continuation (the suite has no JSON library; a cursor is base64url). */
    private static final java.util.regex.Pattern NEXT_CURSOR =
            java.util.regex.Pattern.compile("\"next_cursor\":\"([A-Za-z0-9_-]+)\"");
    private static final String LIST = "/api/orchestrator/executions";
    /** A manager's team, as the target has it. */
    private static final int TEAM = 20;

    private record Caller(UUID id, String token, String secondPage) {
    }

    private ListsSection() {
    }

    static void run(Context ctx, String db, String label, ServeProcess serve) throws Exception {
        Report r = ctx.report;
        Options o = ctx.options;
        r.heading(3, "Filtered execution lists over HTTP (" + label + ")");
        List<Caller> csms = new ArrayList<>();
        List<Caller> leads = new ArrayList<>();
        try (Connection c = ctx.pg.connect(db); Statement s = c.createStatement()) {
            // The seeded data has CSMs only: one manager of 20 of them and one admin per organization,
            // added here (a few rows; nothing the other sections read).
            Sql.execute(c, "INSERT INTO profiles (organization_id, email, full_name, role) SELECT id, 'lists-manager@bench.invalid', "
                    + "'Bench manager', 'manager' FROM organizations ON CONFLICT DO NOTHING");
            Sql.execute(c, "INSERT INTO profiles (organization_id, email, full_name, role) SELECT id, 'lists-admin@bench.invalid', "
                    + "'Bench admin', 'admin' FROM organizations ON CONFLICT DO NOTHING");
            Sql.execute(c, "UPDATE profiles p SET manager_id = m.id FROM profiles m WHERE m.organization_id = p.organization_id "
                    + "AND m.email = 'lists-manager@bench.invalid' AND p.role = 'csm' AND p.id IN (SELECT id FROM profiles q "
                    + "WHERE q.organization_id = p.organization_id AND q.role = 'csm' ORDER BY q.id LIMIT " + TEAM + ")");
            try (ResultSet rs = s.executeQuery("SELECT id FROM profiles WHERE role = 'csm' ORDER BY md5(id::text) LIMIT 200")) {
                while (rs.next()) {
                    csms.add(new Caller((UUID) rs.getObject(1), ctx.tokens.mint(rs.getObject(1).toString()), null));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id FROM profiles WHERE email IN ('lists-manager@bench.invalid', "
                    + "'lists-admin@bench.invalid') ORDER BY role DESC, id")) {
                while (rs.next()) {
                    leads.add(new Caller((UUID) rs.getObject(1), ctx.tokens.mint(rs.getObject(1).toString()), null));
                }
            }
        }
        String open = LIST + "?status=not_started&status=underway";
        List<Caller> withCursors = new ArrayList<>();
        try (RawHttpClient http = new RawHttpClient(serve.baseUrl())) {
            for (Caller csm : csms) {
                int status = http.send("GET", open, "Bearer " + csm.token(), null);
                if (status != 200) {
                    throw new IllegalStateException("GET " + open + " answered " + status + ": "
                            + new String(http.lastBody(), java.nio.charset.StandardCharsets.UTF_8));
                }
                java.util.regex.Matcher cursor = NEXT_CURSOR.matcher(
                        new String(http.lastBody(), java.nio.charset.StandardCharsets.UTF_8));
                withCursors.add(new Caller(csm.id(), csm.token(), cursor.find() ? cursor.group(1) : null));
            }
        }
        List<String> csmPages = List.of(open, LIST + "?due_within_days=30&sort=due_at", LIST + "?label=critical",
                LIST + "?q=Customer%201");
        LoadDriver.Result csmPhase = LoadDriver.run("lists-csm", o.clients, o.warmup, o.duration, o.maxRequests, o.seed,
                client -> call(serve, random -> {
                    Caller csm = withCursors.get(random.nextInt(withCursors.size()));
                    int kind = random.nextInt(csmPages.size() + 1);
                    String path = kind < csmPages.size() || csm.secondPage() == null ? csmPages.get(kind % csmPages.size())
                            : open + "&cursor=" + csm.secondPage();
                    return new String[] {path, csm.token()};
                }));
        List<String> leadPages = List.of(LIST, LIST + "?label=critical&status=not_started");
        LoadDriver.Result leadPhase = LoadDriver.run("lists-team", o.clients, o.warmup, o.duration, o.maxRequests,
                o.seed + 1, client -> call(serve, random -> {
                    // A manager's page is their team's, an admin's their organization's: the same two queries.
                    Caller lead = leads.get(random.nextInt(leads.size()));
                    return new String[] {leadPages.get(random.nextInt(leadPages.size())), lead.token()};
                }));
        r.paragraph(String.format("%d clients over loopback, one kept-alive connection each; %s warm-up, %s measured per "
                + "phase (at most %,d requests). **csm**: a random CSM of 200, one of `%s`, or the second page of the "
                + "first (the cursor taken beforehand). **team**: the added manager of %d CSMs or admin of each "
                + "organization, `%s` or `%s`. No seeded execution has a due date yet (the triggers that set it are "
                + "another change): `sort=due_at` reads the due index in id order. Load average before: %s.",
                o.clients, Report.fmt(o.warmup.toMillis() / 1000.0) + " s", Report.fmt(o.duration.toMillis() / 1000.0)
                        + " s", o.maxRequests, String.join("`, `", csmPages), TEAM, leadPages.get(0), leadPages.get(1),
                Context.load()));
        List<List<String>> rows = new ArrayList<>();
        for (LoadDriver.Result res : List.of(csmPhase, leadPhase)) {
            rows.add(List.of(res.name(), Report.count(res.requests()), Report.fmt(res.throughput()), Report.fmt(res.p(50)),
                    Report.fmt(res.p(99)), Report.fmt(res.p(99.9)), res.statuses().toString()));
            String key = "lists." + label + "." + res.name().substring("lists-".length()) + ".";
            r.figure(key + "rps", res.throughput());
            r.figure(key + "p99_ms", res.p(99));
            if (res.ok() < res.requests()) {
                r.problem(label + " " + res.name() + ": answers other than 2xx: " + res.statuses()
                        + (res.firstError() == null ? "" : ", first error: " + res.firstError()));
            }
        }
        r.table(List.of("phase", "requests", "req/s", "p50 ms", "p99 ms", "p99.9 ms", "statuses"), rows);
        // What one request costs serve and the database, one after another (compares builds on a loaded machine).
        List<String[]> firstPages = new ArrayList<>();
        List<String[]> secondPages = new ArrayList<>();
        List<String[]> searches = new ArrayList<>();
        for (Caller csm : withCursors) {
            firstPages.add(new String[] {open, csm.token()});
            searches.add(new String[] {LIST + "?q=Customer%201", csm.token()});
            if (csm.secondPage() != null) {
                secondPages.add(new String[] {open + "&cursor=" + csm.secondPage(), csm.token()});
            }
        }
        List<RequestCost.Kind> kinds = new ArrayList<>(List.of(new RequestCost.Kind("csm_open", firstPages),
                new RequestCost.Kind("csm_search", searches)));
        if (!secondPages.isEmpty()) {
            kinds.add(new RequestCost.Kind("csm_second_page", secondPages));
        }
        kinds.add(new RequestCost.Kind("manager_or_admin_page", leads.stream()
                .map(lead -> new String[] {LIST, lead.token()}).toList()));
        r.paragraph("Cost of one request (one client, one after another, " + (o.quick ? 20 : 200) + " of each after as "
                + "many unmeasured): `" + open + "` for each CSM, `?q=Customer%201`, the second page, and a manager's "
                + "or admin's `" + LIST + "`.");
        RequestCost.report(r, "lists." + label + ".cost.", RequestCost.measure(ctx, db, serve, kinds, o.quick ? 20 : 200));
    }

    private interface Pick {
        String[] next(SplittableRandom random);
    }

    private static LoadDriver.Call call(ServeProcess serve, Pick pick) {
        RawHttpClient http = new RawHttpClient(serve.baseUrl());
        return new LoadDriver.Call() {
            @Override
            public int call(SplittableRandom random) throws Exception {
                String[] request = pick.next(random);
                return http.send("GET", request[0], "Bearer " + request[1], null);
            }

            @Override
            public void close() {
                http.close();
            }
        };
    }
}
