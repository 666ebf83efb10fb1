package dev.orchestrator.benchmarks.system;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The team view and bulk actions (issue 12, parts 3-4) over HTTP, through serve and its production
 * statements. Phase "view": {@code GET /api/orchestrator/team} as the manager of 20 CSMs (the issue's
 * target: at most 50 ms at 1M executions) under {@code --clients} closed-loop clients. Then "bulk": one
 * client posting {@code POST /api/orchestrator/executions/bulk} on 1,000 ids of that team's work,
 * alternating {@code start} and {@code snooze} so that every item moves (target: at most 2 s a call);
 * each call's wall time, and every item must answer 200.
 */
final class TeamSection {

    private static final int TEAM = 20;
    private static final int BULK = 1000;
    private static final Pattern OK = Pattern.compile("\"ok\":(\\d+)");

    private TeamSection() {
    }

    static void run(Context ctx, String db, String label, ServeProcess serve) throws Exception {
        Report r = ctx.report;
        Options o = ctx.options;
        r.heading(3, "Team view and bulk actions over HTTP (" + label + ")");
        String manager;
        List<String> ids = new ArrayList<>();
        long teamExecutions;
        try (Connection c = ctx.pg.connect(db); Statement s = c.createStatement()) {
            // The seeded data has CSMs only: one manager of 20 of them per organization, as the lists
            // section adds it (the same rows: either section may run alone).
            Sql.execute(c, "INSERT INTO profiles (organization_id, email, full_name, role) SELECT id, 'lists-manager@bench.invalid', "
                    + "'Bench manager', 'manager' FROM organizations ON CONFLICT DO NOTHING");
            Sql.execute(c, "UPDATE profiles p SET manager_id = m.id FROM profiles m WHERE m.organization_id = p.organization_id "
                    + "AND m.email = 'lists-manager@bench.invalid' AND p.role = 'csm' AND p.id IN (SELECT id FROM profiles q "
                    + "WHERE q.organization_id = p.organization_id AND q.role = 'csm' ORDER BY q.id LIMIT " + TEAM + ")");
            try (ResultSet rs = s.executeQuery("SELECT id FROM profiles WHERE email = 'lists-manager@bench.invalid' "
                    + "ORDER BY id LIMIT 1")) {
                rs.next();
                manager = rs.getObject(1).toString();
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM workflow_executions e JOIN profiles p "
                    + "ON p.id = e.assigned_csm_id WHERE p.manager_id = '" + manager + "'")) {
                rs.next();
                teamExecutions = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT e.id FROM workflow_executions e JOIN profiles p "
                    + "ON p.id = e.assigned_csm_id WHERE p.manager_id = '" + manager + "' AND e.status = 'not_started' "
                    + "AND NOT e.is_demo ORDER BY e.id LIMIT " + BULK)) {
                while (rs.next()) {
                    ids.add(rs.getObject(1).toString());
                }
            }
        }
        String token = ctx.tokens.mint(manager);
        LoadDriver.Result view = LoadDriver.run("team-view", o.clients, o.warmup, o.duration, o.maxRequests, o.seed,
                client -> {
                    RawHttpClient http = new RawHttpClient(serve.baseUrl());
                    return new LoadDriver.Call() {
                        @Override
                        public int call(java.util.SplittableRandom random) throws Exception {
                            return http.send("GET", "/api/orchestrator/team", "Bearer " + token, null);
                        }

                        @Override
                        public void close() {
                            http.close();
                        }
                    };
                });
        String key = "team." + label + ".";
        r.figure(key + "view_rps", view.throughput());
        r.figure(key + "view_p50_ms", view.p(50));
        r.figure(key + "view_p99_ms", view.p(99));
        if (view.ok() < view.requests()) {
            r.problem(label + " team-view: answers other than 2xx: " + view.statuses()
                    + (view.firstError() == null ? "" : ", first error: " + view.firstError()));
        }

        r.paragraph("Cost of one team view (one client, one after another, " + (o.quick ? 20 : 200)
                + " after as many unmeasured):");
        RequestCost.report(r, key + "cost.", RequestCost.measure(ctx, db, serve, List.of(new RequestCost.Kind("view",
                List.<String[]>of(new String[] {"/api/orchestrator/team", token}))), o.quick ? 20 : 200));

        int rounds = o.quick ? 2 : 6;
        double[] millis = new double[rounds];
        String idList = "[\"" + String.join("\",\"", ids) + "\"]";
        try (RawHttpClient http = new RawHttpClient(serve.baseUrl())) {
            for (int round = 0; round < rounds; round++) {
                String body = round % 2 == 0 ? "{\"action\":\"start\",\"ids\":" + idList + "}"
                        : "{\"action\":\"snooze\",\"ids\":" + idList + ",\"params\":{\"days\":1}}";
                long start = System.nanoTime();
                int status = http.send("POST", "/api/orchestrator/executions/bulk", "Bearer " + token, body);
                millis[round] = (System.nanoTime() - start) / 1e6;
                String answer = new String(http.lastBody(), StandardCharsets.UTF_8);
                Matcher ok = OK.matcher(answer);
                if (status != 200 || !ok.find() || Integer.parseInt(ok.group(1)) != ids.size()) {
                    r.problem(label + " bulk round " + round + ": status " + status + ", not every item 200: "
                            + answer.substring(0, Math.min(300, answer.length())));
                }
            }
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        r.figure(key + "bulk_items", ids.size());
        r.figure(key + "bulk_median_ms", sorted[rounds / 2]);
        r.figure(key + "bulk_max_ms", sorted[rounds - 1]);
        r.paragraph(String.format("The added manager of %d CSMs (%,d executions of the team). **view**: `GET "
                + "/api/orchestrator/team`, %d clients, %s warm-up, %s measured (at most %,d requests). **bulk**: one "
                + "client, %d calls on the same %,d not-started ids, alternately `start` and `snooze {days: 1}`; each "
                + "call's wall time: %s ms. Load average before: %s.", TEAM, teamExecutions, o.clients,
                Report.fmt(o.warmup.toMillis() / 1000.0) + " s", Report.fmt(o.duration.toMillis() / 1000.0) + " s",
                o.maxRequests, rounds, ids.size(), Arrays.toString(Arrays.stream(millis).mapToLong(Math::round)
                        .toArray()), Context.load()));
        r.table(List.of("phase", "requests", "req/s", "p50 ms", "p99 ms", "p99.9 ms", "statuses"), List.of(
                List.of(view.name(), Report.count(view.requests()), Report.fmt(view.throughput()), Report.fmt(view.p(50)),
                        Report.fmt(view.p(99)), Report.fmt(view.p(99.9)), view.statuses().toString()),
                List.of("bulk (" + ids.size() + " items)", Report.count(rounds), "-", Report.fmt(sorted[rounds / 2]),
                        Report.fmt(sorted[rounds - 1]), "-", "200")));
    }
}
