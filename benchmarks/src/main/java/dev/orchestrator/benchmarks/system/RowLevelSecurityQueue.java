package dev.orchestrator.benchmarks.system;

import com.zaxxer.hikari.HikariDataSource;
import dev.orchestrator.core.application.port.out.QueueReader;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.queue.QueueMode;
import dev.orchestrator.persistence.ConnectionPool;
import dev.orchestrator.persistence.PostgresStore;
import dev.orchestrator.persistence.TenantScope;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What row-level security costs a queue read, in-process through the product's own store (the
 * {@code QueueReader} the API calls), on a data set the suite seeded ({@code --keep}). Three variants,
 * each a closed loop of {@code --clients} threads reading the top-10 production page of a random CSM:
 * <ul>
 * <li>{@code owner, unbound}: as before row-level security: the owner (a superuser) connects and
 * nothing is bound, so the store's connections are handed out untouched and the policies bypassed;</li>
 * <li>{@code owner, bound}: the organization bound, so each read also runs {@code set_config(..., true)}
 * and a commit (the policies are still bypassed): the cost of the setting alone;</li>
 * <li>{@code service, bound}: what {@code serve} runs: the service role, bound by the policies.</li>
 * </ul>
 * The variants alternate in short phases, round after round (after {@code --warmup-rounds} unrecorded
 * ones), so that a machine whose load drifts (a shared one) affects all alike; the report gives each
 * variant's median over the rounds and the median of its per-round ratio to the first variant.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.orchestrator.benchmarks.system.RowLevelSecurityQueue \
 *      --db-url jdbc:postgresql://127.0.0.1:5432/orchbench_100k [--service-user orchbench_service] \
 *      [--clients 4] [--rounds 8] [--phase 3] [--warmup-rounds 4]
 * </pre>
 */
public final class RowLevelSecurityQueue {

    private RowLevelSecurityQueue() {
    }

    record Csm(OrganizationId organization, ProfileId id) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String url = required(o, "--db-url");
        String owner = o.getOrDefault("--db-user", "postgres");
        String service = o.getOrDefault("--service-user", "orchbench_service");
        int clients = Integer.parseInt(o.getOrDefault("--clients", "4"));
        int rounds = Integer.parseInt(o.getOrDefault("--rounds", "8"));
        long phaseMillis = (long) (Double.parseDouble(o.getOrDefault("--phase", "3")) * 1000);
        try (HikariDataSource ownerPool = ConnectionPool.create(url, owner, o.get("--db-password"));
                HikariDataSource servicePool = ConnectionPool.create(url, service, service)) {
            List<Csm> csms = csms(ownerPool);
            if (csms.isEmpty()) {
                throw new IllegalStateException("no CSM in " + url + ": seed it with the suite (--only seed --keep)");
            }
            Map<String, Variant> variants = new LinkedHashMap<>();
            variants.put("owner, unbound", new Variant(PostgresStore.create(ownerPool).ports().queues(), false));
            variants.put("owner, bound", new Variant(PostgresStore.create(ownerPool).ports().queues(), true));
            variants.put("service, bound", new Variant(PostgresStore.create(servicePool).ports().queues(), true));
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            variants.keySet().forEach(name -> rates.put(name, new ArrayList<>()));
            System.out.printf("load average before: %s%n", Context.load());
            int warmups = Integer.parseInt(o.getOrDefault("--warmup-rounds", "4"));
            for (int i = 0; i < warmups; i++) {
                for (Variant v : variants.values()) {
                    run(v, csms, clients, phaseMillis); // warm-up: JIT, prepared statements, caches
                }
            }
            Map<String, List<Double>> ratios = new LinkedHashMap<>();
            variants.keySet().forEach(name -> ratios.put(name, new ArrayList<>()));
            for (int round = 1; round <= rounds; round++) {
                StringBuilder line = new StringBuilder("round " + round + ":");
                for (Map.Entry<String, Variant> v : variants.entrySet()) {
                    double rate = run(v.getValue(), csms, clients, phaseMillis);
                    rates.get(v.getKey()).add(rate);
                    line.append(String.format("  %s %,.0f", v.getKey(), rate));
                }
                double first = rates.get("owner, unbound").get(round - 1);
                rates.forEach((name, list) -> ratios.get(name).add(list.get(list.size() - 1) / first));
                System.out.println(line);
            }
            System.out.printf("load average after: %s%n", Context.load());
            double baseline = median(rates.get("owner, unbound"));
            System.out.println();
            System.out.println("| variant | median pages/s | ÷ owner, unbound (medians) | median of the rounds' ratios |");
            System.out.println("|---|---|---|---|");
            for (Map.Entry<String, List<Double>> r : rates.entrySet()) {
                double m = median(r.getValue());
                System.out.printf("| %s | %,.0f | %.3f | %.3f |%n", r.getKey(), m, m / baseline,
                        median(ratios.get(r.getKey())));
            }
        }
    }

    private record Variant(QueueReader queues, boolean bound) {
    }

    /** Pages per second of one phase. */
    private static double run(Variant v, List<Csm> csms, int clients, long millis) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong pages = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    Csm csm = csms.get(ThreadLocalRandom.current().nextInt(csms.size()));
                    try (TenantScope.Binding ignored = v.bound() ? TenantScope.bind(csm.organization()) : null) {
                        if (v.queues().queue(csm.organization(), csm.id(), QueueMode.PRODUCTION, 10).isEmpty()) {
                            failures.incrementAndGet();
                        }
                        pages.incrementAndGet();
                    }
                }
            });
            threads.add(t);
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        Thread.sleep(millis);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failures.get() > pages.get() / 2) {
            throw new IllegalStateException(failures.get() + " of " + pages.get() + " pages were empty: not the data set "
                    + "the suite seeds, or row-level security hides it");
        }
        return pages.get() / seconds;
    }

    private static List<Csm> csms(HikariDataSource pool) throws SQLException {
        List<Csm> csms = new ArrayList<>();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT organization_id, id FROM profiles WHERE role = 'csm' ORDER BY id")) {
            while (r.next()) {
                csms.add(new Csm(OrganizationId.of(r.getObject(1, java.util.UUID.class)),
                        ProfileId.of(r.getObject(2, java.util.UUID.class))));
            }
        }
        return csms;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            if (eq > 0) {
                o.put(arg.substring(0, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                o.put(arg, args[++i]);
            } else {
                throw new IllegalArgumentException("missing value for " + arg + " in " + Arrays.toString(args));
            }
        }
        return o;
    }

    private static String required(Map<String, String> o, String key) {
        String value = o.get(key);
        if (value == null) {
            throw new IllegalArgumentException(key + " is required");
        }
        return value;
    }
}
