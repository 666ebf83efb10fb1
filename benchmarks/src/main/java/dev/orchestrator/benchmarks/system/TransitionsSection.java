package dev.orchestrator.benchmarks.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Figure 3: state transitions over HTTP under concurrent clients. Each request picks a random
 * execution from a pool of active ones and, as its assigned CSM, snoozes it
 * ({@code POST …/snooze {days}}), starts it or completes it ({@code PATCH …/status}). Clients
 * collide on the same executions and completed ones refuse further moves: those answers (409) are
 * counted, not hidden.
 */
final class TransitionsSection {

    private record Target(UUID id, String token) {
    }

    private TransitionsSection() {
    }

    static void run(Context ctx, String db, String label, ServeProcess serve) throws Exception {
        Report r = ctx.report;
        Options o = ctx.options;
        r.heading(3, "State transitions over HTTP (" + label + ")");
        int poolSize = ctx.options.quick ? 200 : 5_000;
        List<Target> pool = new ArrayList<>();
        try (Connection c = ctx.pg.connect(db); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, assigned_csm_id FROM workflow_executions WHERE is_demo = false AND "
                        + Baselines.ACTIVE + " ORDER BY md5(id::text) LIMIT " + poolSize)) {
            while (rs.next()) {
                pool.add(new Target((UUID) rs.getObject(1), ctx.tokens.mint(rs.getObject(2).toString())));
            }
        }
        String base = "/api/orchestrator/executions/";
        LoadDriver.Result res = LoadDriver.run("transitions", o.clients, o.warmup, o.duration, o.maxRequests, o.seed,
                client -> {
                    RawHttpClient http = new RawHttpClient(serve.baseUrl());
                    return new LoadDriver.Call() {
                        @Override
                        public int call(SplittableRandom random) throws Exception {
                            Target t = pool.get(random.nextInt(pool.size()));
                            int op = random.nextInt(3);
                            if (op == 0) {
                                return http.send("POST", base + t.id() + "/snooze", "Bearer " + t.token(),
                                        "{\"days\":" + (1 + random.nextInt(30)) + "}");
                            }
                            return http.send("PATCH", base + t.id() + "/status", "Bearer " + t.token(),
                                    op == 1 ? "{\"status\":\"underway\"}" : "{\"status\":\"completed\"}");
                        }

                        @Override
                        public void close() {
                            http.close();
                        }
                    };
                });
        long ok = (long) res.ok();
        long conflicts = res.status(409);
        long other = res.requests() - ok - conflicts;
        r.paragraph(String.format("%d clients, a pool of %,d active executions (random, as their assigned CSM): one third "
                + "snooze 1–30 days, one third `status: underway`, one third `status: completed`; %s warm-up, %s measured "
                + "(at most %,d requests). Load average before: %s.", o.clients, pool.size(),
                Report.fmt(o.warmup.toMillis() / 1000.0) + " s", Report.fmt(o.duration.toMillis() / 1000.0) + " s",
                o.maxRequests, Context.load()));
        r.table(List.of("requests", "req/s", "2xx/s", "409 conflicts", "other non-2xx", "p50 ms", "p99 ms", "p99.9 ms", "statuses"),
                List.of(List.of(Report.count(res.requests()), Report.fmt(res.throughput()),
                        Report.fmt(ok / res.seconds()), Report.count(conflicts), Report.count(other),
                        Report.fmt(res.p(50)), Report.fmt(res.p(99)), Report.fmt(res.p(99.9)), res.statuses().toString())));
        String key = "transitions." + label + ".";
        r.figure(key + "rps", res.throughput());
        r.figure(key + "ok_rps", ok / res.seconds());
        r.figure(key + "conflicts", conflicts);
        r.figure(key + "p99_ms", res.p(99));
        if (other > 0) {
            r.problem(label + " transitions: " + other + " answers neither 2xx nor 409: " + res.statuses()
                    + (res.firstError() == null ? "" : ", first error: " + res.firstError()));
        }
    }
}
