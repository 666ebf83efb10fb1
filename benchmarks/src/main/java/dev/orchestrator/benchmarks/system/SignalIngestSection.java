package dev.orchestrator.benchmarks.system;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 9's ingestion over HTTP against {@code serve} on the suite's data set: (a) {@code POST
 * /api/signals:batch} with NDJSON batches of random existing customers of the largest
 * organization (lines/s of the whole request: parsing, the chunked upserts, re-scoring and
 * interpretation of each chunk's customers, the report), with the created/rescored counts the
 * report gives; (b) {@code PATCH /api/customers/{id}/signals} under {@code --clients} closed-loop
 * clients (p50/p99, req/s). Both as a profile of role {@code integration} inserted for the run.
 * The data set is changed by it (signals, new executions): it runs after the queue and the
 * transitions.
 */
final class SignalIngestSection {

    /** Issue 9's targets. */
    static final double TARGET_LINES_PER_S = 10_000;
    static final double TARGET_PATCH_P99_MS = 20;

    private static final Pattern NUMBER = Pattern.compile("\"(lines|applied|rejected|created|rescored)\":(\\d+)");

    record Batch(String name, long lines, double seconds, long applied, long rejected, long created, long rescored) {
        double linesPerSecond() {
            return lines / seconds;
        }
    }

    private SignalIngestSection() {
    }

    static void run(Context ctx, String db, String label, ServeProcess serve) throws Exception {
        Report r = ctx.report;
        Options o = ctx.options;
        r.heading(3, "Signal ingestion over HTTP (" + label + ")");
        UUID organization;
        List<UUID> customers = new ArrayList<>();
        String token;
        try (Connection c = ctx.pg.connect(db)) {
            organization = Sql.lines(c, "SELECT organization_id::text FROM customers GROUP BY organization_id"
                    + " ORDER BY count(*) DESC, organization_id LIMIT 1").stream().map(UUID::fromString).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no customer in the data set"));
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM customers WHERE organization_id = ? ORDER BY id")) {
                s.setObject(1, organization);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        customers.add((UUID) rs.getObject(1));
                    }
                }
            }
            UUID integration;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO profiles (organization_id, email, full_name, role)"
                    + " VALUES (?, 'bench-integration@example.invalid', 'Benchmark integration', 'integration')"
                    + " ON CONFLICT (organization_id, email) DO UPDATE SET role = 'integration' RETURNING id")) {
                s.setObject(1, organization);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    integration = (UUID) rs.getObject(1);
                }
            }
            token = "Bearer " + ctx.tokens.mint(integration.toString());
        }
        UUID[] ids = customers.toArray(UUID[]::new);

        // (a) batches
        int lines = (int) Math.min(o.ingestLines, Integer.MAX_VALUE);
        int warmupLines = o.quick ? Math.min(lines, 500) : Math.min(lines, 10_000);
        int measured = o.quick ? 1 : 2;
        String load = Context.load();
        SplittableRandom random = new SplittableRandom(o.seed * 31 + 9);
        List<Batch> batches = new ArrayList<>();
        try (RawHttpClient http = new RawHttpClient(serve.baseUrl(), 600_000)) {
            batch(http, token, "warm-up (unrecorded)", ndjson(ids, warmupLines, random));
            long budget = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            for (int i = 0; i < measured && System.nanoTime() < budget; i++) {
                batches.add(batch(http, token, "batch " + (i + 1), ndjson(ids, lines, random)));
            }
        }
        r.paragraph(String.format("Organization with the most customers (%,d); a profile of role `integration` inserted for "
                + "the run, its token minted as for the queue. `POST /api/signals:batch` (application/x-ndjson, no "
                + "Idempotency-Key, so streamed) of %,d lines, each a random customer of that organization (repeats "
                + "allowed) with 1–3 random signals (churn risk 0–10, usage/health 0–100, utilization, adoption, usage "
                + "change), which move risk and opportunity scores across the definitions' thresholds now and then. One "
                + "unrecorded batch of %,d lines first; lines/s = lines ÷ the request's wall time (sent to answer "
                + "received). Load average before: %s.", ids.length, lines, warmupLines, load));
        List<List<String>> rows = new ArrayList<>();
        for (Batch b : batches) {
            rows.add(List.of(b.name(), Report.count(b.lines()), Report.fmt(b.seconds()), Report.fmt(b.linesPerSecond()),
                    Report.count(b.applied()), Report.count(b.rejected()), Report.count(b.created()),
                    Report.count(b.rescored())));
            if (b.rejected() > 0 || b.applied() != b.lines()) {
                r.problem(label + " ingest " + b.name() + ": " + b.rejected() + " lines rejected of " + b.lines());
            }
        }
        r.table(List.of("batch", "lines", "seconds", "lines/s", "applied", "rejected", "executions created",
                "executions rescored"), rows);
        double best = batches.stream().mapToDouble(Batch::linesPerSecond).max().orElse(0);
        double total = batches.stream().mapToDouble(Batch::seconds).sum();
        long all = batches.stream().mapToLong(Batch::lines).sum();
        String key = "ingest." + label + ".";
        r.figure(key + "batch_lines_per_s", all / total);
        r.figure(key + "batch_best_lines_per_s", best);
        r.figure(key + "batch_created", batches.stream().mapToLong(Batch::created).sum());
        r.figure(key + "batch_rescored", batches.stream().mapToLong(Batch::rescored).sum());

        // (b) single PATCHes
        String patchLoad = Context.load();
        LoadDriver.Result res = LoadDriver.run("patch-signals", o.clients, o.warmup, o.duration, o.maxRequests, o.seed + 9,
                client -> {
                    RawHttpClient http = new RawHttpClient(serve.baseUrl());
                    return new LoadDriver.Call() {
                        @Override
                        public int call(SplittableRandom rnd) throws Exception {
                            UUID id = ids[rnd.nextInt(ids.length)];
                            return http.send("PATCH", "/api/customers/" + id + "/signals", token, signals(rnd));
                        }

                        @Override
                        public void close() {
                            http.close();
                        }
                    };
                });
        r.paragraph(String.format("`PATCH /api/customers/{id}/signals` with 1–3 random signals of a random customer of the "
                + "same organization, %d closed-loop clients (one kept-alive connection each); %s s warm-up, %s s measured "
                + "(at most %,d requests). Load average before: %s.", o.clients, Report.fmt(o.warmup.toMillis() / 1000.0),
                Report.fmt(o.duration.toMillis() / 1000.0), o.maxRequests, patchLoad));
        r.table(List.of("requests", "req/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "statuses"),
                List.of(List.of(Report.count(res.requests()), Report.fmt(res.throughput()), Report.fmt(res.p(50)),
                        Report.fmt(res.p(99)), Report.fmt(res.p(99.9)), Report.fmt(res.maxMs()), res.statuses().toString())));
        r.figure(key + "patch_rps", res.throughput());
        r.figure(key + "patch_p50_ms", res.p(50));
        r.figure(key + "patch_p99_ms", res.p(99));
        if (res.ok() < res.requests()) {
            r.problem(label + " ingest PATCH: " + (res.requests() - (long) res.ok()) + " answers not 2xx " + res.statuses()
                    + (res.firstError() == null ? "" : ", first error: " + res.firstError()));
        }
        r.paragraph(String.format("Issue 9's targets: batch ≥ %s lines/s (measured %s: %s); PATCH p99 ≤ %s ms at 8 clients "
                + "(measured %s at %d clients: %s).", Report.fmt(TARGET_LINES_PER_S), Report.fmt(all / total),
                all / total >= TARGET_LINES_PER_S ? "met" : "missed", Report.fmt(TARGET_PATCH_P99_MS), Report.fmt(res.p(99)),
                o.clients, res.p(99) <= TARGET_PATCH_P99_MS ? "met" : "missed"));
    }

    private static Batch batch(RawHttpClient http, String token, String name, byte[] body) throws Exception {
        long start = System.nanoTime();
        int status = http.send("POST", "/api/signals:batch", token, "application/x-ndjson", body);
        double seconds = (System.nanoTime() - start) / 1e9;
        String answer = new String(http.lastBody(), StandardCharsets.UTF_8);
        if (status != 200) {
            throw new IllegalStateException("the batch answered " + status + ": " + Context.tail(answer));
        }
        long[] n = new long[5];
        Matcher m = NUMBER.matcher(answer);
        while (m.find()) {
            int i = List.of("lines", "applied", "rejected", "created", "rescored").indexOf(m.group(1));
            n[i] = Long.parseLong(m.group(2));
        }
        return new Batch(name, n[0], seconds, n[1], n[2], n[3], n[4]);
    }

    static byte[] ndjson(UUID[] ids, int lines, SplittableRandom random) {
        StringBuilder sb = new StringBuilder(lines * 110);
        for (int i = 0; i < lines; i++) {
            sb.append("{\"customer_id\":\"").append(ids[random.nextInt(ids.length)]).append("\",\"signals\":")
                    .append(signals(random)).append("}\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** 1–3 distinct signals with values in their ranges. */
    static String signals(SplittableRandom random) {
        StringBuilder sb = new StringBuilder(80).append('{');
        int fields = 1 + random.nextInt(3);
        int used = 0;
        for (int k = 0; k < fields; k++) {
            int f = random.nextInt(6);
            if ((used & (1 << f)) != 0) {
                continue;
            }
            used |= 1 << f;
            if (sb.length() > 1) {
                sb.append(',');
            }
            switch (f) {
                case 0 -> sb.append("\"churn_risk_score\":").append(random.nextInt(11));
                case 1 -> sb.append("\"usage_score\":").append(random.nextInt(101));
                case 2 -> sb.append("\"health_score\":").append(random.nextInt(101));
                case 3 -> sb.append("\"utilization_percent\":").append(random.nextInt(15_000) / 100.0);
                case 4 -> sb.append("\"adoption_rate_percent\":").append(random.nextInt(10_001) / 100.0);
                default -> sb.append("\"usage_change_percent_last_month\":").append((random.nextInt(10_001) - 5_000) / 100.0);
            }
        }
        return sb.append('}').toString();
    }
}
