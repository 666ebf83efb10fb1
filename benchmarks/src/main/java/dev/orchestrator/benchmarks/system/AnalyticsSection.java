package dev.orchestrator.benchmarks.system;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Analytics (issue 14 part 3) over HTTP, through serve and its production statement (SqlAnalytics):
 * {@code GET /api/orchestrator/analytics} for one organization over 90 days, as its admin, without a
 * grouping and with each (target: at most 2 s at 1M executions and 5M events). The seeded data has no
 * history, so the section first gives every execution one (set-based, ~5 events each: its creation,
 * 0-3 snoozes, 0-6 saves, its start, completion or skip, some escalations and acknowledgements), once
 * per data set. Each call's wall time; every call must answer 200.
 */
final class AnalyticsSection {

    private static final List<String> GROUPINGS = List.of("", "csm", "definition", "workflow_type", "week");

    private AnalyticsSection() {
    }

    /** Histories for the seeded executions (what the seeder's statuses imply), within the past. */
    static final String HISTORIES = """
            INSERT INTO workflow_execution_events (organization_id, execution_id, actor_profile_id, action,
                                                   from_status, to_status, days, reason, reason_code,
                                                   escalation_user_id, occurred_at)
            SELECT x.organization_id, x.id, a.actor, a.action, a.from_status, a.to_status, a.days, a.reason, a.code,
                   a.escalated_to, LEAST(a.at, now())
            -- the draws in the scan's target list: once per execution (an uncorrelated LATERAL would draw once)
            FROM (SELECT w.*, random() AS r, floor(random() * 4)::int AS snoozes, floor(random() * 7)::int AS saves,
                         (ARRAY['not_relevant', 'duplicate', 'other'])[1 + floor(random() * 3)::int] AS code
                  FROM workflow_executions w WHERE NOT w.is_demo) x
            CROSS JOIN LATERAL (
              SELECT NULL::uuid AS actor, 'create' AS action, NULL AS from_status, 'not_started' AS to_status,
                     NULL::int AS days, NULL AS reason, NULL AS code, NULL::uuid AS escalated_to, x.created_at AS at
              UNION ALL
              SELECT x.assigned_csm_id, 'snooze', 'not_started', 'snoozed', 3, NULL, NULL, NULL,
                     x.created_at + s * interval '7 hours'
              FROM generate_series(1, x.snoozes) s
              UNION ALL
              SELECT x.assigned_csm_id, 'update_data', 'not_started', 'not_started', NULL, NULL, NULL, NULL,
                     x.created_at + s * interval '5 hours'
              FROM generate_series(1, x.saves) s
              UNION ALL
              SELECT x.assigned_csm_id, 'start', 'not_started', 'underway', NULL, NULL, NULL, NULL, x.started_at
              WHERE x.started_at IS NOT NULL
              UNION ALL
              SELECT x.assigned_csm_id, 'complete', 'underway', 'completed', NULL, NULL, NULL, NULL, x.completed_at
              WHERE x.completed_at IS NOT NULL
              UNION ALL
              SELECT CASE WHEN x.r < 0.5 THEN x.assigned_csm_id END, 'skip', 'not_started', 'skipped', NULL,
                     x.skip_reason, CASE WHEN x.r < 0.5 THEN x.code END, NULL, x.skipped_at
              WHERE x.skipped_at IS NOT NULL
              UNION ALL
              SELECT x.assigned_csm_id, 'escalate', x.status, x.status, NULL, NULL, NULL, x.assigned_csm_id,
                     x.created_at + interval '2 hours'
              WHERE x.r < 0.05
              UNION ALL
              SELECT x.assigned_csm_id, 'acknowledge', x.status, x.status, NULL, NULL, NULL, NULL,
                     x.created_at + interval '9 hours'
              WHERE x.r < 0.03) a""";

    static void run(Context ctx, String db, String label, ServeProcess serve) throws Exception {
        Report r = ctx.report;
        Options o = ctx.options;
        r.heading(3, "Analytics over HTTP (" + label + ")");
        String organization;
        String admin;
        long executions;
        long events;
        long inPeriod;
        double generated = 0;
        LocalDate to = LocalDate.now(ZoneOffset.UTC);
        LocalDate from = to.minusDays(89);
        try (Connection c = ctx.pg.connect(db)) {
            executions = Sql.longValue(c, "SELECT count(*) FROM workflow_executions");
            events = Sql.longValue(c, "SELECT count(*) FROM workflow_execution_events");
            if (events < 4 * executions) {
                long start = System.nanoTime();
                Sql.update(c, HISTORIES);
                Sql.settle(c, "workflow_execution_events");
                generated = (System.nanoTime() - start) / 1e9;
                events = Sql.longValue(c, "SELECT count(*) FROM workflow_execution_events");
            }
            organization = Sql.lines(c, "SELECT organization_id::text FROM workflow_executions GROUP BY 1 "
                    + "ORDER BY count(*) DESC, 1 LIMIT 1").get(0);
            Sql.execute(c, "INSERT INTO profiles (organization_id, email, full_name, role) VALUES ('" + organization
                    + "', 'analytics-admin@bench.invalid', 'Bench admin', 'admin') ON CONFLICT DO NOTHING");
            admin = Sql.lines(c, "SELECT id::text FROM profiles WHERE organization_id = '" + organization
                    + "' AND email = 'analytics-admin@bench.invalid'").get(0);
            inPeriod = Sql.longValue(c, "SELECT count(*) FROM workflow_execution_events WHERE organization_id = '"
                    + organization + "' AND occurred_at >= '" + from + "' AND occurred_at < '" + to.plusDays(1) + "'");
        }
        String token = ctx.tokens.mint(admin);
        int rounds = o.quick ? 2 : 5;
        String key = "analytics." + label + ".";
        List<List<String>> rows = new ArrayList<>();
        try (RawHttpClient http = new RawHttpClient(serve.baseUrl())) {
            for (String grouping : GROUPINGS) {
                String path = "/api/orchestrator/analytics?from=" + from + "&to=" + to
                        + (grouping.isEmpty() ? "" : "&group_by=" + grouping);
                double[] millis = new double[rounds];
                // one call first, not timed: the plan and the pages the figures should not depend on
                http.send("GET", path, "Bearer " + token, null);
                for (int round = 0; round < rounds; round++) {
                    long start = System.nanoTime();
                    int status = http.send("GET", path, "Bearer " + token, null);
                    millis[round] = (System.nanoTime() - start) / 1e6;
                    if (status != 200) {
                        String answer = new String(http.lastBody(), StandardCharsets.UTF_8);
                        r.problem(label + " analytics " + path + ": status " + status + ": "
                                + answer.substring(0, Math.min(300, answer.length())));
                    }
                }
                double[] sorted = millis.clone();
                Arrays.sort(sorted);
                String name = grouping.isEmpty() ? "total" : grouping;
                r.figure(key + name + "_median_ms", sorted[rounds / 2]);
                r.figure(key + name + "_max_ms", sorted[rounds - 1]);
                rows.add(List.of(name, Report.count(rounds), Report.fmt(sorted[rounds / 2]),
                        Report.fmt(sorted[rounds - 1]), sorted[rounds - 1] <= 2_000 ? "met" : "missed"));
            }
        }
        r.figure(key + "events", events);
        r.figure(key + "events_in_period", inPeriod);
        r.paragraph(String.format("%,d executions, %,d events (%s). The organization with the most work, its "
                + "admin, %s to %s (90 days: %,d of its events); %d timed calls per grouping after one untimed. "
                + "Target: at most 2 s a call at 1M executions and 5M events. Load average before: %s.", executions,
                events, generated > 0 ? "histories generated in " + Report.fmt(generated) + " s" : "histories present",
                from, to, inPeriod, rounds, Context.load()));
        r.table(List.of("group_by", "calls", "median ms", "max ms", "≤ 2 s"), rows);
    }
}
