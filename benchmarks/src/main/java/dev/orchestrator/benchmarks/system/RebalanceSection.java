package dev.orchestrator.benchmarks.system;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rebalance proposal (issue 14 part 2) over HTTP, through serve: {@code POST
 * /api/orchestrator/team/rebalance?dry_run=true} as the manager of 20 CSMs (target: at most 1 s at 1M
 * executions), half of them given a capacity below their open work and half well above it, so that the
 * proposal has work to move. One client, one call after another; each call's wall time. Dry runs only:
 * the data is left as it was (the capacities are cleared again at the end).
 */
final class RebalanceSection {

    private static final int TEAM = 20;
    private static final Pattern MOVES = Pattern.compile("\"moves\":(\\d+)");

    private RebalanceSection() {
    }

    static void run(Context ctx, String db, String label, ServeProcess serve) throws Exception {
        Report r = ctx.report;
        Options o = ctx.options;
        r.heading(3, "Rebalance proposal over HTTP (" + label + ")");
        String manager;
        long teamOpen;
        try (Connection c = ctx.pg.connect(db); Statement s = c.createStatement()) {
            // The same manager of 20 CSMs as the lists and team sections add (either may run alone).
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
            // Every other CSM (by id) at three quarters of their open work, the others at twice theirs.
            Sql.execute(c, "UPDATE profiles p SET capacity = GREATEST(1, CASE WHEN t.n % 2 = 0 THEN t.open * 3 / 4 "
                    + "ELSE t.open * 2 + 1 END) FROM (SELECT q.id, row_number() OVER (ORDER BY q.id) AS n, "
                    + "(SELECT count(*) FROM workflow_executions e WHERE e.organization_id = q.organization_id "
                    + "AND e.assigned_csm_id = q.id AND NOT e.is_demo AND e.status IN ('not_started', 'underway', 'snoozed')) "
                    + "AS open FROM profiles q WHERE q.manager_id = '" + manager + "') t WHERE p.id = t.id");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM workflow_executions e JOIN profiles p "
                    + "ON p.id = e.assigned_csm_id WHERE p.manager_id = '" + manager + "' AND NOT e.is_demo "
                    + "AND e.status IN ('not_started', 'underway', 'snoozed')")) {
                rs.next();
                teamOpen = rs.getLong(1);
            }
        }
        String token = ctx.tokens.mint(manager);
        int rounds = o.quick ? 3 : 10;
        double[] millis = new double[rounds];
        long moves = -1;
        try (RawHttpClient http = new RawHttpClient(serve.baseUrl())) {
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                int status = http.send("POST", "/api/orchestrator/team/rebalance?dry_run=true", "Bearer " + token, null);
                millis[round] = (System.nanoTime() - start) / 1e6;
                String answer = new String(http.lastBody(), StandardCharsets.UTF_8);
                Matcher m = MOVES.matcher(answer);
                if (status != 200 || !m.find()) {
                    r.problem(label + " rebalance round " + round + ": status " + status + ": "
                            + answer.substring(0, Math.min(300, answer.length())));
                } else {
                    moves = Long.parseLong(m.group(1));
                }
            }
        } finally {
            try (Connection c = ctx.pg.connect(db)) {
                Sql.execute(c, "UPDATE profiles SET capacity = NULL WHERE manager_id = '" + manager + "'");
            }
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        String key = "rebalance." + label + ".";
        r.figure(key + "team_open", teamOpen);
        r.figure(key + "moves", Math.max(moves, 0));
        r.figure(key + "median_ms", sorted[rounds / 2]);
        r.figure(key + "max_ms", sorted[rounds - 1]);
        r.paragraph(String.format("The added manager of %d CSMs (%,d open executions), every other one given a "
                + "capacity of three quarters of their open work, the others twice theirs: %d dry runs of `POST "
                + "/api/orchestrator/team/rebalance?dry_run=true`, one client; %,d moves proposed; each call's wall "
                + "time: %s ms. Load average before: %s.", TEAM, teamOpen, rounds, Math.max(moves, 0),
                Arrays.toString(Arrays.stream(millis).mapToLong(Math::round).toArray()), Context.load()));
        r.table(List.of("phase", "calls", "moves", "median ms", "max ms"), List.of(List.of("dry run", Report.count(rounds),
                Report.count(Math.max(moves, 0)), Report.fmt(sorted[rounds / 2]), Report.fmt(sorted[rounds - 1]))));
    }
}
