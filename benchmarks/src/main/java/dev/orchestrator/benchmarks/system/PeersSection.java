package dev.orchestrator.benchmarks.system;

import dev.orchestrator.core.application.port.in.RecomputePriorities;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 16, part 1: the product beside three engines a team could embed instead (Camunda 7,
 * Flowable, TASKANA), in one run on one PostgreSQL server, each peer in a database of its own,
 * holding exactly the data set's open executions as tasks (same keys, assignees and priorities).
 * For each, and for the product on a copy of the data set: my queue (top 10 of one assignee by
 * priority) under {@code --clients} threads, complete under {@code --clients} threads,
 * re-prioritizing every open task after a rule change, and creating work. Peers are in-process,
 * through their documented Java APIs; the product is in-process through its use cases and adapters.
 */
final class PeersSection {

    static final int LIMIT = 10;
    private static final List<String> ENGINES = List.of("product", "camunda", "flowable", "taskana");

    /** The rule change: revenue impact and churn risk weigh more (most open scores change). */
    static final PriorityPolicy CHANGED_POLICY = changed(PriorityPolicy.STANDARD);

    private PeersSection() {
    }

    static PriorityPolicy changed(PriorityPolicy p) {
        return new PriorityPolicy(p.typeTiers(), p.revenueImpactPointsPerTier() + 2, p.churnRiskPointsPerPoint() + 1,
                p.churnRiskTypes(), p.usageScoreDivisor(), p.usageTypes(), p.snooze(), p.labels(), p.due());
    }

    /** The product's open work as tasks: every non-demo active execution with a CSM, by id. */
    static List<PeerEngine.OpenTask> openTasks(Connection c) throws Exception {
        List<PeerEngine.OpenTask> tasks = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, assigned_csm_id, priority_score FROM workflow_executions"
                + " WHERE NOT is_demo AND assigned_csm_id IS NOT NULL AND " + Baselines.ACTIVE + " ORDER BY id");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                tasks.add(new PeerEngine.OpenTask(r.getString(1), r.getString(2), r.getInt(3)));
            }
        }
        return tasks;
    }

    /** Open work created at or after {@code since} (what interpret-signals just created). */
    static List<PeerEngine.OpenTask> createdSince(Connection c, Timestamp since) throws Exception {
        List<PeerEngine.OpenTask> tasks = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, assigned_csm_id, priority_score FROM workflow_executions"
                + " WHERE created_at >= ? AND NOT is_demo AND assigned_csm_id IS NOT NULL AND " + Baselines.ACTIVE
                + " ORDER BY id")) {
            s.setTimestamp(1, since);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    tasks.add(new PeerEngine.OpenTask(r.getString(1), r.getString(2), r.getInt(3)));
                }
            }
        }
        return tasks;
    }

    /** The peers, opened on their databases (created empty; each engine creates its own schema). */
    interface Opener {
        PeerEngine open(String url, String user, String password) throws Exception;
    }

    static Map<String, Opener> openers() {
        Map<String, Opener> m = new LinkedHashMap<>();
        m.put("camunda", CamundaPeer::new);
        m.put("flowable", FlowablePeer::new);
        m.put("taskana", TaskanaPeer::new);
        return m;
    }

    static void run(Context ctx, String db, String label) throws Exception {
        Report r = ctx.report;
        Options o = ctx.options;
        r.heading(3, "Peers: Camunda 7, Flowable, TASKANA (" + label + ")");
        String ours = Suite.databaseName(ctx, "peers_product_" + label);
        try (Connection c = ctx.pg.connect(db)) {
            Sql.execute(c, "CHECKPOINT");
        }
        ctx.pg.copy(db, ours);
        Map<String, Map<String, Double>> v = new LinkedHashMap<>();
        ENGINES.forEach(e -> v.put(e, new HashMap<>()));
        Map<String, String> loads = new LinkedHashMap<>();
        Map<String, List<String>> settings = new LinkedHashMap<>();
        Map<String, String> reprioritizePaths = new LinkedHashMap<>();
        String load0 = Context.load();
        try {
            List<PeerEngine.OpenTask> open;
            try (Connection c = ctx.pg.connect(ours)) {
                open = openTasks(c);
            }
            List<String> assignees = new ArrayList<>(new LinkedHashSet<>(open.stream().map(PeerEngine.OpenTask::assignee).toList()));
            Collections.sort(assignees);
            List<PeerEngine.OpenTask> completions = new ArrayList<>(open);
            Collections.shuffle(completions, new Random(o.seed));
            r.paragraph(String.format("%,d open tasks (the data set's active executions) over %,d assignees, the same in "
                    + "every engine: same keys, assignees and priorities. Each peer runs in this JVM on a database of its "
                    + "own on the same server; the product runs in this JVM too, through its use cases and adapters "
                    + "(`Orchestrator` on `PostgresStore`), on a copy of the data set (`%s`). %d threads; queue phases "
                    + "%s warm-up then %s measured (at most %,d pages); complete phases %s measured, no warm-up (every "
                    + "call consumes a task), at most %,d. Load average before: %s.",
                    open.size(), assignees.size(), ours, o.clients, secs(o.warmup), secs(o.duration), o.maxRequests,
                    secs(o.duration), Math.min(o.maxRequests, completions.size()), load0));

            // The product first, on its copy: its new priorities and its new work are what the peers then get.
            Map<String, Integer> before = new HashMap<>();
            open.forEach(t -> before.put(t.key(), t.priority()));
            Map<String, Integer> changed = new HashMap<>();
            List<PeerEngine.OpenTask> created;
            try (ProductPeer product = new ProductPeer(ctx.pg.url(ours), ctx.pg.user(), ctx.pg.password())) {
                Map<String, Double> m = v.get("product");
                queue(ctx, "peers-product-queue", assignees, a -> product.myQueue(a, LIMIT), m);
                Map<String, Double> page = new HashMap<>();
                queue(ctx, "peers-product-queue-port", assignees, a -> product.myQueuePage(a, LIMIT), page);
                page.forEach((k, x) -> m.put(k.replace("queue_", "queue_port_"), x));
                long t0 = System.nanoTime();
                RecomputePriorities.Report rep = product.recompute(CHANGED_POLICY);
                m.put("reprioritize_s", (System.nanoTime() - t0) / 1e9);
                m.put("reprioritize_written", (double) rep.changed());
                try (Connection c = ctx.pg.connect(ours)) {
                    for (PeerEngine.OpenTask t : openTasks(c)) {
                        if (!Integer.valueOf(t.priority()).equals(before.get(t.key()))) {
                            changed.put(t.key(), t.priority());
                        }
                    }
                }
                complete(ctx, "peers-product-complete", completions, product::complete, m);
                Timestamp since;
                try (Connection c = ctx.pg.connect(ours)) {
                    since = Timestamp.from(java.time.Instant.ofEpochMilli(Sql.longValue(c,
                            "SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint")));
                }
                t0 = System.nanoTime();
                long made = product.interpret().total();
                double seconds = (System.nanoTime() - t0) / 1e9;
                try (Connection c = ctx.pg.connect(ours)) {
                    created = createdSince(c, since);
                }
                m.put("create_n", (double) made);
                m.put("create_s", seconds);
                m.put("create_per_s", made == 0 ? Double.NaN : made / seconds);
            }
            loads.put("product", "the data set as seeded (`seed` section); nothing to load");
            settings.put("product", List.of("HikariCP, " + dev.orchestrator.persistence.ConnectionPool.MAXIMUM_POOL_SIZE
                    + " connections (`ConnectionPool.create`)", "PriorityPolicy.STANDARD, then the changed policy"));
            reprioritizePaths.put("product", "the recompute port (`PriorityRecomputation`, one set-based UPDATE "
                    + "writing changed rows only)");

            for (Map.Entry<String, Opener> peer : openers().entrySet()) {
                String key = peer.getKey();
                String peerDb = Suite.databaseName(ctx, "peer_" + key + "_" + label);
                ctx.pg.recreate(peerDb);
                Map<String, Double> m = v.get(key);
                try {
                    long t0 = System.nanoTime();
                    try (PeerEngine engine = peer.getValue().open(ctx.pg.url(peerDb), ctx.pg.user(), ctx.pg.password())) {
                        m.put("startup_s", (System.nanoTime() - t0) / 1e9);
                        t0 = System.nanoTime();
                        engine.create(open, o.clients);
                        double loadSeconds = (System.nanoTime() - t0) / 1e9;
                        m.put("load_s", loadSeconds);
                        loads.put(key, engine.loadPath() + ", " + o.clients + " threads: " + Report.count(open.size())
                                + " tasks in " + Report.fmt(loadSeconds) + " s (" + Report.fmt(open.size() / loadSeconds)
                                + " tasks/s; schema creation and start-up before it: " + Report.fmt(m.get("startup_s")) + " s)");
                        settings.put(key, engine.settings());
                        reprioritizePaths.put(key, engine.reprioritizePath());
                        // the queues must hold the same tasks as the product's before the figures mean anything
                        agree(ctx, key, engine, open, assignees);
                        queue(ctx, "peers-" + key + "-queue", assignees, a -> engine.myQueue(a, LIMIT), m);
                        t0 = System.nanoTime();
                        long written = engine.reprioritize(changed, o.clients);
                        m.put("reprioritize_s", (System.nanoTime() - t0) / 1e9);
                        m.put("reprioritize_written", (double) written);
                        complete(ctx, "peers-" + key + "-complete", completions, engine::complete, m);
                        if (!created.isEmpty()) {
                            t0 = System.nanoTime();
                            engine.create(created, o.clients);
                            double seconds = (System.nanoTime() - t0) / 1e9;
                            m.put("create_n", (double) created.size());
                            m.put("create_s", seconds);
                            m.put("create_per_s", created.size() / seconds);
                        }
                    }
                } catch (Exception e) {
                    r.problem(label + " peers: " + key + " failed: " + e);
                    e.printStackTrace();
                } finally {
                    if (!o.keep) {
                        ctx.pg.drop(peerDb);
                    }
                }
            }
        } finally {
            if (!o.keep) {
                ctx.pg.drop(ours);
            }
        }
        report(ctx, label, v, loads, settings, reprioritizePaths);
    }

    /** Each peer's queue of the first assignees must list the same priorities as the product's queue did. */
    private static void agree(Context ctx, String key, PeerEngine engine, List<PeerEngine.OpenTask> open,
            List<String> assignees) throws Exception {
        Map<String, List<Integer>> expected = new HashMap<>();
        for (PeerEngine.OpenTask t : open) {
            expected.computeIfAbsent(t.assignee(), a -> new ArrayList<>()).add(t.priority());
        }
        for (String a : assignees.subList(0, Math.min(5, assignees.size()))) {
            List<Integer> want = expected.get(a).stream().sorted(Collections.reverseOrder()).limit(LIMIT).toList();
            List<Integer> got = engine.myQueue(a, LIMIT).stream().map(PeerEngine.Ranked::priority).toList();
            if (!want.equals(got)) {
                ctx.report.problem(key + ": the queue of " + a + " has priorities " + got + ", the data set " + want);
            }
        }
    }

    interface QueueCall {
        List<PeerEngine.Ranked> page(String assignee) throws Exception;
    }

    interface CompleteCall {
        void complete(PeerEngine.OpenTask task) throws Exception;
    }

    private static void queue(Context ctx, String name, List<String> assignees, QueueCall call, Map<String, Double> m)
            throws Exception {
        Options o = ctx.options;
        // Unrecorded, one thread: every engine's first calls load classes and caches (seconds for some),
        // longer than a smoke run's whole warm-up.
        for (String a : assignees.subList(0, Math.min(20, assignees.size()))) {
            call.page(a);
        }
        LoadDriver.Result res = LoadDriver.run(name, o.clients, o.warmup, o.duration, o.maxRequests, o.seed,
                client -> random -> call.page(assignees.get(random.nextInt(assignees.size()))).isEmpty() ? 204 : 200);
        m.put("queue_pps", res.throughput());
        m.put("queue_p50_ms", res.p(50));
        m.put("queue_p99_ms", res.p(99));
        if (res.errors() > 0) {
            ctx.report.problem(name + ": " + res.errors() + " failed calls, first: " + res.firstError());
        }
    }

    private static void complete(Context ctx, String name, List<PeerEngine.OpenTask> pool, CompleteCall call,
            Map<String, Double> m) throws Exception {
        Options o = ctx.options;
        AtomicInteger next = new AtomicInteger();
        LoadDriver.Result res = LoadDriver.run(name, o.clients, Duration.ZERO, o.duration,
                Math.min(o.maxRequests, pool.size()), o.seed, client -> random -> {
                    int i = next.getAndIncrement();
                    if (i >= pool.size()) {
                        return 299;
                    }
                    call.complete(pool.get(i));
                    return 200;
                });
        m.put("complete_ps", res.ok() / res.seconds());
        m.put("complete_n", res.ok());
        if (res.errors() > 0) {
            ctx.report.problem(name + ": " + res.errors() + " failed completions, first: " + res.firstError());
        }
    }

    private static void report(Context ctx, String label, Map<String, Map<String, Double>> v, Map<String, String> loads,
            Map<String, List<String>> settings, Map<String, String> reprioritizePaths) {
        Report r = ctx.report;
        String[][] rows = {
                {"queue_pps", "my queue, pages/s (" + ctx.options.clients + " threads); product: the ViewQueue use case"},
                {"queue_p50_ms", "my queue, p50 ms"},
                {"queue_p99_ms", "my queue, p99 ms"},
                {"queue_port_pps", "my queue, pages/s; product: the QueueReader port only (no explained priorities)"},
                {"queue_port_p50_ms", "my queue, p50 ms; product: the QueueReader port only"},
                {"queue_port_p99_ms", "my queue, p99 ms; product: the QueueReader port only"},
                {"complete_ps", "complete, per second (" + ctx.options.clients + " threads)"},
                {"reprioritize_s", "re-prioritize every open task after a rule change, seconds"},
                {"create_per_s", "create work, tasks/s"},
        };
        List<List<String>> table = new ArrayList<>();
        for (String[] row : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(row[1]);
            double ours = v.get("product").getOrDefault(row[0], Double.NaN);
            cells.add(Report.fmt(ours));
            // a peer has one queue path: both product rows compare against it
            String peerKey = row[0].replace("queue_port_", "queue_");
            for (String e : ENGINES.subList(1, ENGINES.size())) {
                double x = v.get(e).getOrDefault(peerKey, Double.NaN);
                cells.add(Report.fmt(x) + " (" + Report.ratio(x / ours) + ")");
            }
            table.add(cells);
        }
        r.table(List.of("measure", "product", "Camunda " + CamundaPeer.VERSION, "Flowable " + FlowablePeer.VERSION,
                "TASKANA " + TaskanaPeer.VERSION), table);
        r.paragraph("Peer cells: the peer's figure (peer ÷ product). For rates a ratio below 1× means the product is "
                + "ahead; for latencies and seconds, above 1×. The product's queue is measured twice: through the use case "
                + "`GET /api/orchestrator/queue` calls (each entry with its explained priority: the page, the active "
                + "policy and the signal lifecycle are read), and through the `QueueReader` port alone (the page), "
                + "the analogue of a peer's task query; each peer row is compared with both. Complete: the product "
                + "starts work not yet underway, then completes it (its lifecycle completes only work underway; two "
                + "transitions, like TASKANA's claim + complete); Camunda and Flowable complete in one call. Create work: the product's `interpret-signals` (it also "
                + "scores every customer and decides what to create: "
                + Report.count(v.get("product").getOrDefault("create_n", 0.0).longValue()) + " executions) against "
                + "creating the same tasks through each peer's API. Re-prioritize: the product examines every open "
                + "execution and writes " + Report.count(v.get("product").getOrDefault("reprioritize_written", 0.0).longValue())
                + " changed rows; each peer is given exactly those changed tasks' new scores.");
        List<List<String>> how = new ArrayList<>();
        for (String e : ENGINES) {
            how.add(List.of(e, String.join("; ", settings.getOrDefault(e, List.of())), loads.getOrDefault(e, "n/a"),
                    reprioritizePaths.getOrDefault(e, "n/a")));
        }
        r.table(List.of("engine", "settings", "load", "re-prioritize"), how);
        for (String e : ENGINES) {
            v.get(e).forEach((k, x) -> r.figure("peers." + label + "." + e + "." + k, x));
        }
    }

    private static String secs(Duration d) {
        return Report.fmt(d.toMillis() / 1000.0) + " s";
    }
}
