package dev.orchestrator.benchmarks.system;

import dev.orchestrator.core.domain.queue.QueueMode;
import dev.orchestrator.persistence.PostgresStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Figures 2 and 7: the production queue (top 10 of a random CSM) under a closed-loop load of
 * {@code --clients} clients, over HTTP from this process to {@code serve} on loopback and as the
 * same SQL over JDBC, with the product's indexes and with the seed prototype's; and serve's
 * footprint (start-up to ready, resident memory idle and under load, heap under load).
 */
final class QueueSection {

    static final int LIMIT = 10;
    /** Unrecorded queue load right after serve starts, before the first measured phase. */
    static final Duration JIT_WARMUP = Duration.ofSeconds(15);

    /**
     * The production queue page exactly as the product's store runs it ({@link PostgresStore#queuePageSql}:
     * JooqQueueReader's rendered statement, docs/schema.md query (a)): the executions joined to their
     * definition, customer and signals, with a scalar subquery for "has a strong contact"; the
     * membership predicate and the limit inline, tenant and CSM bound. Taken from the product, not
     * copied, so the JDBC figure cannot drift from what serve runs.
     */
    static final String QUEUE_SQL = PostgresStore.queuePageSql(QueueMode.PRODUCTION, LIMIT);

    /**
     * The same page as the product ran it before this benchmark's fix: "has a strong contact" as a
     * correlated EXISTS in the select list. PostgreSQL plans it as an "alternative subplan" and,
     * estimating hundreds of outer rows (it ignores the LIMIT above), picks the hashed form: every
     * call then reads every strong contact on the server. The scalar subquery has no hashed form and
     * probes contacts_by_customer once per returned row (10). Measured to show what the fix buys;
     * derived from the product's statement, so it differs from it in that one expression only.
     */
    static final String QUEUE_SQL_EXISTS = QUEUE_SQL
            .replace("coalesce((select true from \"contacts\" as \"k\"", "exists (select 1 from \"contacts\" as \"k\"")
            .replace("'strong') fetch next 1 rows only), false)", "'strong'))");

    static {
        if (!QUEUE_SQL_EXISTS.contains("exists (select 1") || QUEUE_SQL_EXISTS.contains("fetch next 1 rows only)")) {
            throw new IllegalStateException("the EXISTS variant of the queue SQL was not derived from: " + QUEUE_SQL);
        }
    }

    record Csm(UUID organization, UUID id, String token) {
    }

    private QueueSection() {
    }

    static List<Csm> csms(Context ctx, Connection c) throws Exception {
        List<Csm> csms = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT organization_id, id FROM profiles WHERE role = 'csm' ORDER BY id");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                UUID id = (UUID) r.getObject(2);
                csms.add(new Csm((UUID) r.getObject(1), id, ctx.tokens.mint(id.toString())));
            }
        }
        if (csms.isEmpty()) {
            throw new IllegalStateException("no CSM in the data set");
        }
        return csms;
    }

    static void run(Context ctx, String db, String label, ServeProcess serve) throws Exception {
        Report r = ctx.report;
        Options o = ctx.options;
        r.heading(3, "Queue read (" + label + ")");
        List<Csm> csms;
        String explainProduct;
        String explainExists;
        try (Connection c = ctx.pg.connect(db)) {
            csms = csms(ctx, c);
            explainProduct = explain(c, csms.get(0));
            explainExists = explain(c, csms.get(0), QUEUE_SQL_EXISTS);
        }
        checkHttp(serve, csms.get(0));
        int pageBytes = pageBytes(serve, csms);
        boolean ceilingServed = ceilingServed(serve, pageBytes);
        r.paragraph(String.format("`GET /api/orchestrator/queue?limit=%d&csm_id=…` for a random CSM among %,d, "
                + "%d closed-loop clients (one kept-alive connection each) in a separate process over loopback; after serve "
                + "started, 15 s of unrecorded load for its JIT; then each phase has %s warm-up, then "
                + "%s measured (at most %,d requests). JDBC = the same page query (below) with a prepared statement per "
                + "client, no HTTP, no authentication, no JSON. Ceiling = `GET %s?bytes=%d` on the same serve right after "
                + "the HTTP phase, same clients and phases: a handler that answers a fixed body of a queue page's size "
                + "(the median of %d CSMs' pages) behind serve's own server, filters and request logger, without "
                + "authentication, the database or JSON: what this machine's HTTP stack serves at most. Load average before: %s.",
                LIMIT, csms.size(), o.clients, seconds(o.warmup), seconds(o.duration), o.maxRequests,
                CeilingRoute.PATH, pageBytes, Math.min(PAGE_SAMPLE, csms.size()), Context.load()));

        if (!o.quick) {
            // serve has just started: let its JIT compile the request path before anything is measured
            // (on 2 busy cores C2 needs well over the per-phase warm-up), unrecorded.
            LoadDriver.run("jit-warmup", o.clients, Duration.ZERO, JIT_WARMUP, o.maxRequests, o.seed + 1,
                    client -> http(serve, csms.toArray(Csm[]::new)));
        }
        serve.startSampling();
        double from = serve.uptime() + o.warmup.toMillis() / 1000.0;
        double serveCpu0 = cpuSeconds(ProcessHandle.of(serve.pid()).orElseThrow());
        double driverCpu0 = cpuSeconds(ProcessHandle.current());
        long[] machine0 = machineJiffies();
        LoadDriver.Result http = http(ctx, serve, csms, "http-product");
        double serveCpu = cpuSeconds(ProcessHandle.of(serve.pid()).orElseThrow()) - serveCpu0;
        double driverCpu = cpuSeconds(ProcessHandle.current()) - driverCpu0;
        long[] machine1 = machineJiffies();
        double machineBusy = machine1[1] == machine0[1] ? Double.NaN
                : 100.0 * (machine1[0] - machine0[0]) / (machine1[1] - machine0[1]);
        long allRequests = http.requests() + (long) (http.throughput() * o.warmup.toMillis() / 1000.0);
        long heapAtEnd = serve.heapUsedKb();
        double to = serve.uptime();
        long peakRss = serve.stopSampling();
        Processes.GcSummary heap = serve.gc(from, to);
        LoadDriver.Result ceiling = null;
        double ceilingCpuMs = Double.NaN;
        if (ceilingServed) {
            double ceilingCpu0 = cpuSeconds(ProcessHandle.of(serve.pid()).orElseThrow());
            ceiling = ceiling(ctx, serve, csms, pageBytes);
            long ceilingRequests = ceiling.requests() + (long) (ceiling.throughput() * o.warmup.toMillis() / 1000.0);
            ceilingCpuMs = 1000 * (cpuSeconds(ProcessHandle.of(serve.pid()).orElseThrow()) - ceilingCpu0) / ceilingRequests;
        } else {
            // a CLI jar from before the ExtraRoutes seam (an A/B run against an older build): said, not failed
            r.paragraph("No ceiling: this serve does not answer `" + CeilingRoute.PATH + "` (a CLI jar from before "
                    + "the ExtraRoutes seam).");
        }
        LoadDriver.Result jdbc = jdbc(ctx, db, csms, "jdbc-product");
        LoadDriver.Result jdbcExists = jdbc(ctx, db, csms, "jdbc-exists", QUEUE_SQL_EXISTS);

        List<String> productIndexes;
        LoadDriver.Result jdbcSeed;
        LoadDriver.Result httpSeed;
        String explainSeed;
        try (Connection c = ctx.pg.connect(db)) {
            productIndexes = Baselines.switchToSeedIndexes(c);
            try {
                explainSeed = explain(c, csms.get(0));
                jdbcSeed = jdbc(ctx, db, csms, "jdbc-seed-indexes");
                httpSeed = http(ctx, serve, csms, "http-seed-indexes");
            } finally {
                Baselines.restoreProductIndexes(c, productIndexes);
            }
        }

        List<List<String>> rows = new ArrayList<>();
        List<LoadDriver.Result> results = new ArrayList<>(List.of(http, jdbc, httpSeed, jdbcSeed, jdbcExists));
        if (ceiling != null) {
            results.add(1, ceiling);
        }
        for (LoadDriver.Result res : results) {
            rows.add(List.of(describe(res.name()), Report.count(res.requests()), Report.fmt(res.throughput()),
                    Report.fmt(res.p(50)), Report.fmt(res.p(99)), Report.fmt(res.p(99.9)), Report.fmt(res.maxMs()),
                    Report.count(res.requests() - (long) res.ok())));
            if (res.errors() > 0 || res.ok() < res.requests()) {
                r.problem(label + " " + res.name() + ": " + (res.requests() - (long) res.ok()) + " requests not 2xx "
                        + res.statuses() + (res.firstError() == null ? "" : ", first error: " + res.firstError()));
            }
        }
        r.table(List.of("path", "requests", "req/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "non-2xx"), rows);
        String key = "queue." + label + ".";
        r.figure(key + "http_rps", http.throughput());
        r.figure(key + "http_p99_ms", http.p(99));
        r.figure(key + "jdbc_rps", jdbc.throughput());
        r.figure(key + "http_vs_jdbc", http.throughput() / jdbc.throughput());
        r.figure(key + "http_seed_indexes_rps", httpSeed.throughput());
        r.figure(key + "jdbc_seed_indexes_rps", jdbcSeed.throughput());
        r.figure(key + "product_vs_seed_indexes_jdbc", jdbc.throughput() / jdbcSeed.throughput());
        r.figure(key + "jdbc_exists_rps", jdbcExists.throughput());
        r.figure(key + "jdbc_exists_p99_ms", jdbcExists.p(99));
        if (ceiling != null) {
            r.figure(key + "ceiling_rps", ceiling.throughput());
            r.figure(key + "ceiling_p99_ms", ceiling.p(99));
            r.figure(key + "ceiling_vs_jdbc", ceiling.throughput() / jdbc.throughput());
            r.figure(key + "http_vs_ceiling", http.throughput() / ceiling.throughput());
            r.figure(key + "ceiling_serve_cpu_ms_per_request", ceilingCpuMs);
            r.paragraph(String.format("The HTTP stack's ceiling (fixed body of %,d bytes): %s pages/s, p99 %s ms, serve "
                    + "%s ms of CPU a request. Ceiling ÷ JDBC: %s. HTTP ÷ ceiling: %s.", pageBytes,
                    Report.fmt(ceiling.throughput()), Report.fmt(ceiling.p(99)), Report.fmt(ceilingCpuMs),
                    Report.ratio(ceiling.throughput() / jdbc.throughput()),
                    Report.ratio(http.throughput() / ceiling.throughput())));
        }
        r.paragraph(String.format("HTTP ÷ JDBC throughput: %s. Product indexes ÷ seed indexes: %s over JDBC, %s over HTTP.",
                Report.ratio(http.throughput() / jdbc.throughput()),
                Report.ratio(jdbc.throughput() / jdbcSeed.throughput()),
                Report.ratio(http.throughput() / httpSeed.throughput())));
        r.paragraph("The page query, and its plan for one CSM with the product's indexes, then with the seed's "
                + "(`EXPLAIN (ANALYZE, BUFFERS)`, warm cache):");
        r.code(QUEUE_SQL);
        r.code(explainProduct);
        r.code(explainSeed);
        r.paragraph("The same page as the product ran it before the fix in EntrySql (the strong-contact test as "
                + "`EXISTS (…)` instead of `coalesce((SELECT true … LIMIT 1), false)`; the last JDBC row above), and its plan:");
        r.code(QUEUE_SQL_EXISTS);
        r.code(explainExists);

        r.paragraph("Cost of one queue page and of one fixed body (one client, one after another, " + (o.quick ? 20 : 200)
                + " after as many unmeasured):");
        List<String[]> pages = new ArrayList<>();
        for (Csm csm : csms.subList(0, Math.min(PAGE_SAMPLE, csms.size()))) {
            pages.add(new String[] {queuePath(csm), csm.token()});
        }
        List<RequestCost.Kind> kinds = new ArrayList<>(List.of(new RequestCost.Kind("queue", pages)));
        if (ceilingServed) {
            kinds.add(new RequestCost.Kind("ceiling", List.<String[]>of(new String[] {ceilingPath(pageBytes),
                    csms.get(0).token()})));
        }
        RequestCost.report(r, key + "cost.", RequestCost.measure(ctx, db, serve, kinds, o.quick ? 20 : 200));

        r.heading(3, "Service footprint (" + label + ")");
        r.table(List.of("figure", "value"), List.of(
                List.of("start-up to ready (`/health/ready` 200), database up", Report.fmt(serve.readySeconds()) + " s"),
                List.of("resident memory idle after start (VmRSS)", Report.mb(ctx.idleRssKb)),
                List.of("resident memory peak under the HTTP queue load (VmRSS, sampled every 50 ms)", Report.mb(peakRss)),
                List.of("heap in use at the fullest point under load (GC log, before a collection)", heap.maxBeforeMb() + " MB"),
                List.of("heap in use at the end of the load (jcmd GC.heap_info)", Report.mb(heapAtEnd)),
                List.of("heap left after the fullest collection under load (GC log)", heap.maxAfterMb() + " MB"),
                List.of("heap committed under load (GC log) / collections during the load", heap.maxCommittedMb() + " MB / "
                        + heap.collections()),
                List.of("CPU per queue request over HTTP: serve / load driver (warm-up and measured phase)",
                        Report.fmt(1000 * serveCpu / allRequests) + " ms / " + Report.fmt(1000 * driverCpu / allRequests) + " ms"),
                List.of("machine CPU busy during the HTTP load (all processes, both cores)", Report.fmt(machineBusy) + " %")));
        r.paragraph("serve ran with JVM options: " + (o.serveJvmOptions.isEmpty() ? "none (JVM defaults: G1, max heap = 1/4 of RAM)"
                : "`" + String.join(" ", o.serveJvmOptions) + "`") + ".");
        r.figure(key + "serve_ready_s", serve.readySeconds());
        r.figure(key + "serve_cpu_ms_per_request", 1000 * serveCpu / allRequests);
        r.figure(key + "machine_busy_percent", machineBusy);
        r.figure(key + "serve_rss_idle_mb", ctx.idleRssKb / 1024.0);
        r.figure(key + "serve_rss_load_mb", peakRss / 1024.0);
        r.figure(key + "serve_heap_load_mb", Math.max(heap.maxBeforeMb(), heapAtEnd / 1024.0));
        r.figure(key + "serve_heap_after_gc_mb", heap.maxAfterMb());
    }

    private static double cpuSeconds(ProcessHandle handle) {
        return handle.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** {busy, total} jiffies of all CPUs from /proc/stat. */
    private static long[] machineJiffies() {
        try {
            String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (Exception e) {
            return new long[] {0, 0};
        }
    }

    private static String describe(String name) {
        switch (name) {
            case "http-product": return "HTTP, product indexes";
            case "jdbc-product": return "JDBC, product indexes";
            case "http-seed-indexes": return "HTTP, seed indexes";
            case "jdbc-seed-indexes": return "JDBC, seed indexes";
            case "http-ceiling": return "HTTP, fixed body of a page's size on serve's server (the stack's ceiling)";
            case "jdbc-exists": return "JDBC, product indexes, strong contact as EXISTS (before the fix)";
            default: return name;
        }
    }

    private static String seconds(Duration d) {
        return Report.fmt(d.toMillis() / 1000.0) + " s";
    }

    /** How many CSMs' pages give the ceiling's body size (their median) and the per-request cost's pages. */
    private static final int PAGE_SAMPLE = 21;

    /** The median size in bytes of the first CSMs' queue pages: the ceiling's body. */
    private static int pageBytes(ServeProcess serve, List<Csm> csms) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<Integer> sizes = new ArrayList<>();
        for (Csm csm : csms.subList(0, Math.min(PAGE_SAMPLE, csms.size()))) {
            sizes.add(client.send(request(serve, csm), HttpResponse.BodyHandlers.ofByteArray()).body().length);
        }
        java.util.Collections.sort(sizes);
        return Math.max(4, sizes.get(sizes.size() / 2));
    }

    private static String ceilingPath(int bytes) {
        return CeilingRoute.PATH + "?bytes=" + bytes;
    }

    /** Whether serve answers the ceiling's route with a body of that size (a CLI jar before the seam does not). */
    private static boolean ceilingServed(ServeProcess serve, int bytes) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(serve.baseUrl() + ceilingPath(bytes))).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode() == 200 && response.body().length == bytes;
    }

    /** The fixed body under the same load as the queue: its own clients, each with a CSM's token (sent, not read). */
    private static LoadDriver.Result ceiling(Context ctx, ServeProcess serve, List<Csm> csms, int bytes) throws Exception {
        Options o = ctx.options;
        String path = ceilingPath(bytes);
        return LoadDriver.run("http-ceiling", o.clients, o.warmup, o.duration, o.maxRequests, o.seed, client -> {
            RawHttpClient http = new RawHttpClient(serve.baseUrl());
            return new LoadDriver.Call() {
                @Override
                public int call(java.util.SplittableRandom random) throws Exception {
                    Csm csm = csms.get(random.nextInt(csms.size()));
                    int status = http.send("GET", path, "Bearer " + csm.token(), null);
                    return status == 200 && http.lastBody().length != bytes ? 299 : status;
                }

                @Override
                public void close() {
                    http.close();
                }
            };
        });
    }

    private static String queuePath(Csm csm) {
        return "/api/orchestrator/queue?limit=" + LIMIT + "&csm_id=" + csm.id();
    }

    private static void checkHttp(ServeProcess serve, Csm csm) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> response = client.send(request(serve, csm), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().startsWith("[")) {
            throw new IllegalStateException("the queue answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static HttpRequest request(ServeProcess serve, Csm csm) {
        return HttpRequest.newBuilder(URI.create(serve.baseUrl() + "/api/orchestrator/queue?limit=" + LIMIT + "&csm_id=" + csm.id()))
                .header("Authorization", "Bearer " + csm.token())
                .timeout(Duration.ofSeconds(30))
                .GET().build();
    }

    static LoadDriver.Result http(Context ctx, ServeProcess serve, List<Csm> csms, String name) throws Exception {
        Options o = ctx.options;
        Csm[] all = csms.toArray(Csm[]::new);
        return LoadDriver.run(name, o.clients, o.warmup, o.duration, o.maxRequests, o.seed, client -> http(serve, all));
    }

    /** One client's queue reads: a random CSM's page, with that CSM's token, on one kept-alive connection. */
    private static LoadDriver.Call http(ServeProcess serve, Csm[] csms) {
        RawHttpClient http = new RawHttpClient(serve.baseUrl());
        return new LoadDriver.Call() {
            @Override
            public int call(java.util.SplittableRandom random) throws Exception {
                Csm csm = csms[random.nextInt(csms.length)];
                int status = http.send("GET", "/api/orchestrator/queue?limit=" + LIMIT + "&csm_id=" + csm.id(),
                        "Bearer " + csm.token(), null);
                if (status == 200 && (http.lastBody().length == 0 || http.lastBody()[0] != '[')) {
                    return 299;
                }
                return status;
            }

            @Override
            public void close() {
                http.close();
            }
        };
    }

    static LoadDriver.Result jdbc(Context ctx, String db, List<Csm> csms, String name) throws Exception {
        return jdbc(ctx, db, csms, name, QUEUE_SQL);
    }

    static LoadDriver.Result jdbc(Context ctx, String db, List<Csm> csms, String name, String sql) throws Exception {
        Options o = ctx.options;
        return LoadDriver.run(name, o.clients, o.warmup, o.duration, o.maxRequests, o.seed, client -> {
            Connection c = ctx.pg.connect(db);
            PreparedStatement s = c.prepareStatement(sql);
            int parameters = s.getParameterMetaData().getParameterCount();
            return new LoadDriver.Call() {
                @Override
                public int call(java.util.SplittableRandom random) throws Exception {
                    Csm csm = csms.get(random.nextInt(csms.size()));
                    bind(s, parameters, csm);
                    try (ResultSet rs = s.executeQuery()) {
                        ResultSetMetaData meta = rs.getMetaData();
                        int columns = meta.getColumnCount();
                        while (rs.next()) {
                            for (int i = 1; i <= columns; i++) {
                                rs.getObject(i);
                            }
                        }
                    }
                    return 200;
                }

                @Override
                public void close() throws Exception {
                    c.close();
                }
            };
        });
    }

    /**
     * A page's binds as the product's store passes them ({@code PostgresStore#queuePageSql}): the
     * organization, the CSM, and the organization again for every further parameter (the production
     * page reads the organization's dependent definitions once).
     */
    private static void bind(PreparedStatement s, int parameters, Csm csm) throws java.sql.SQLException {
        s.setObject(1, csm.organization());
        s.setObject(2, csm.id());
        for (int i = 3; i <= parameters; i++) {
            s.setObject(i, csm.organization());
        }
    }

    static String explain(Connection c, Csm csm) throws Exception {
        return explain(c, csm, QUEUE_SQL);
    }

    static String explain(Connection c, Csm csm, String sql) throws Exception {
        // Run it once first so that the plan shows a warm cache, as under load.
        for (int i = 0; i < 2; i++) {
            try (PreparedStatement s = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql)) {
                bind(s, s.getParameterMetaData().getParameterCount(), csm);
                List<String> lines = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        lines.add(r.getString(1));
                    }
                }
                if (i == 1) {
                    return String.join("\n", lines);
                }
            }
        }
        throw new IllegalStateException();
    }
}
