package dev.orchestrator.benchmarks.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * What one request of a kind costs serve, measured so that a loaded machine changes it little: one client,
 * requests one after another, serve's CPU time per request (its process's, from the OS) and the database
 * transactions per request ({@code pg_stat_database}, read after the backends have reported: PostgreSQL 15
 * flushes an idle backend's counters within 10 s) and the heap it allocates per request (its management
 * agent's {@code TotalThreadAllocatedBytes}). Wall times on a shared machine mean little; these two
 * compare builds (docs/performance.md, "lists rendered once").
 */
final class RequestCost {

    /** An idle backend reports its counters after at most 10 s (PGSTAT_IDLE_INTERVAL). */
    private static final long STATS_SETTLE_MILLIS = 11_000;

    /** One kind of request: a name, and the (path, token) pairs it cycles through. */
    record Kind(String name, List<String[]> requests) {
    }

    record Cost(String kind, int requests, double serveCpuMs, double transactions, double allocatedKb) {
    }

    private RequestCost() {
    }

    /**
     * Each kind's cost over {@code n} requests (after {@code n} unmeasured ones warm it up). {@code quick}
     * (the smoke test) waits 1 s instead of 11 s for the counters: the figures are then only roughly right.
     */
    static List<Cost> measure(Context ctx, String db, ServeProcess serve, List<Kind> kinds, int n) throws Exception {
        long settle = ctx.options.quick ? 1_000 : STATS_SETTLE_MILLIS;
        List<Cost> costs = new ArrayList<>();
        try (RawHttpClient http = new RawHttpClient(serve.baseUrl()); Connection c = ctx.pg.connect(db);
                Heap heap = Heap.of(serve.pid())) {
            for (Kind kind : kinds) {
                send(http, kind, n);
                Thread.sleep(settle);
                long xacts0 = transactions(c);
                double cpu0 = cpuSeconds(serve);
                double allocated0 = heap.allocatedBytes();
                send(http, kind, n);
                double allocated = heap.allocatedBytes() - allocated0;
                double cpu = cpuSeconds(serve) - cpu0;
                Thread.sleep(settle);
                // minus the one transaction of the reading itself
                long xacts = transactions(c) - xacts0 - 1;
                costs.add(new Cost(kind.name(), n, 1000 * cpu / n, (double) xacts / n, allocated / n / 1024));
            }
        }
        return costs;
    }

    /** The costs as report rows and figures under {@code key}. */
    static void report(Report r, String key, List<Cost> costs) {
        List<List<String>> rows = new ArrayList<>();
        for (Cost cost : costs) {
            rows.add(List.of(cost.kind(), Report.count(cost.requests()), Report.fmt(cost.serveCpuMs()),
                    Report.fmt(cost.allocatedKb()), Report.fmt(cost.transactions())));
            r.figure(key + cost.kind() + ".serve_cpu_ms", cost.serveCpuMs());
            r.figure(key + cost.kind() + ".serve_allocated_kb", cost.allocatedKb());
            r.figure(key + cost.kind() + ".transactions", cost.transactions());
        }
        r.table(List.of("request (one client, one after another)", "requests", "serve CPU ms / request",
                "serve heap allocated KB / request", "database transactions / request"), rows);
    }

    private static void send(RawHttpClient http, Kind kind, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            String[] request = kind.requests().get(i % kind.requests().size());
            int status = http.send("GET", request[0], "Bearer " + request[1], null);
            if (status != 200) {
                throw new IllegalStateException("GET " + request[0] + " answered " + status);
            }
        }
    }

    private static long transactions(Connection c) throws Exception {
        try (PreparedStatement s = c.prepareStatement("SELECT xact_commit + xact_rollback FROM pg_stat_database"
                + " WHERE datname = current_database()"); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * serve's heap allocations so far (all threads), through its own management agent (the Attach API):
     * what a request allocates does not depend on how busy the machine is. NaN when serve cannot be attached.
     */
    private static final class Heap implements AutoCloseable {
        private final javax.management.remote.JMXConnector connector;

        private Heap(javax.management.remote.JMXConnector connector) {
            this.connector = connector;
        }

        static Heap of(long pid) {
            try {
                com.sun.tools.attach.VirtualMachine vm = com.sun.tools.attach.VirtualMachine.attach(String.valueOf(pid));
                String address;
                try {
                    address = vm.startLocalManagementAgent();
                } finally {
                    vm.detach();
                }
                return new Heap(javax.management.remote.JMXConnectorFactory.connect(
                        new javax.management.remote.JMXServiceURL(address)));
            } catch (Exception e) {
                return new Heap(null);
            }
        }

        double allocatedBytes() {
            if (connector == null) {
                return Double.NaN;
            }
            try {
                return ((Number) connector.getMBeanServerConnection().getAttribute(
                        new javax.management.ObjectName("java.lang:type=Threading"), "TotalThreadAllocatedBytes"))
                        .doubleValue();
            } catch (Exception e) {
                return Double.NaN;
            }
        }

        @Override
        public void close() throws java.io.IOException {
            if (connector != null) {
                connector.close();
            }
        }
    }

    private static double cpuSeconds(ServeProcess serve) {
        return ProcessHandle.of(serve.pid()).orElseThrow().info().totalCpuDuration()
                .map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }
}
