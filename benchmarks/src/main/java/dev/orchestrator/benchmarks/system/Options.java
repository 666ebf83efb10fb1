package dev.orchestrator.benchmarks.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The suite's command line. Every option has a default, so {@code Suite} alone runs the 100k suite. */
final class Options {

    static final List<String> ALL_SECTIONS =
            List.of("seed", "recompute", "daily", "queue", "transitions", "lists", "team", "rebalance", "ingest",
                    "signals", "import", "core", "policies", "dependencies", "analytics", "dashboard", "peers");

    /**
     * Sections a plain run leaves out: {@code peers} embeds three other engines and loads the data
     * set into each (minutes at 1M); ask for it with {@code --only …,peers}.
     */
    static final Set<String> OPT_IN_SECTIONS = Set.of("peers");

    /** JDBC URL of a maintenance database on the server to use; {@code null}: start an embedded PostgreSQL. */
    String dbUrl;
    String dbUser = "postgres";
    String dbPassword;
    List<Long> sizes = List.of(100_000L);
    Path cliJar = Path.of("orchestrator-cli/target/orchestrator.jar");
    Path out = Path.of("benchmarks/target/system");
    Set<String> sections = new LinkedHashSet<>(ALL_SECTIONS.stream().filter(s -> !OPT_IN_SECTIONS.contains(s)).toList());
    /** {@code cli}: the product's {@code seed synthetic}; {@code sql}: the suite's own set-based SQL seeder. */
    String seeder = "cli";
    int clients = 8;
    Duration warmup = Duration.ofSeconds(5);
    Duration duration = Duration.ofSeconds(15);
    long maxRequests = 2_000_000;
    /** Lines of each measured {@code POST /api/signals:batch} of the ingest section. */
    long ingestLines = 100_000;
    List<Long> importSizes = List.of(25_000L, 100_000L);
    /** Heap limit of the {@code import} runs (shows the import streams). */
    String importHeap = "256m";
    /** Extra JVM options of {@code serve}; none by default: it runs as a user would start it. */
    List<String> serveJvmOptions = List.of();
    /** Keep the benchmark databases afterwards (to inspect them, or to rerun a section with --reuse). */
    boolean keep;
    /** Reuse a benchmark database left by --keep instead of seeding it again (skips the seed figure). */
    boolean reuse;
    /** Tiny timings for the smoke test: JMH without forks, short load phases. */
    boolean quick;
    long seed = 42;
    /** Prefix of the databases the suite creates (and drops), so that two runs on one server never meet. */
    String dbPrefix = "orchbench";
    /**
     * The role serve's API connects as (row-level security applies to it, as in production); the suite
     * creates it as a login member of orchestrator_service. {@code none}: the API connects as --db-user.
     */
    String serviceUser = "orchbench_service";
    /**
     * Where serve connects instead of --db-url, {@code {db}} standing for the database name: e.g. a
     * PgBouncer in transaction pooling mode, {@code jdbc:postgresql://127.0.0.1:6432/{db}?prepareThreshold=0}
     * (docs/scaling.md). Seeding and the SQL baselines still go to --db-url.
     */
    String serveDbUrl;
    /**
     * The data set of the {@code signals} section: {@code customers} (the size is its customers, a tenth as
     * many executions: the historical figure 4) or {@code executions} (the data set of the other sections,
     * the size its executions: 5M executions are ~833k customers).
     */
    String signalsShape = "customers";
    /** The command line as given, for the report. */
    String commandLine = "";

    static Options parse(String... args) {
        Options o = new Options();
        o.commandLine = String.join(" ", args);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--keep":
                    o.keep = true;
                    continue;
                case "--reuse":
                    o.reuse = true;
                    o.keep = true;
                    continue;
                case "--quick":
                    o.quick = true;
                    continue;
                case "--help":
                case "-h":
                    throw new UsageException(usage());
                default:
                    break;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException("missing value for " + arg + "\n" + usage());
                }
                value = args[++i];
            }
            switch (arg) {
                case "--db-url": o.dbUrl = value; break;
                case "--db-user": o.dbUser = value; break;
                case "--db-password": o.dbPassword = value; break;
                case "--sizes": o.sizes = sizes(value); break;
                case "--cli-jar": o.cliJar = Path.of(value); break;
                case "--out": o.out = Path.of(value); break;
                case "--only": o.sections = sections(value); break;
                case "--seeder": o.seeder = oneOf(value, "cli", "sql"); break;
                case "--signals-shape": o.signalsShape = oneOf(value, "customers", "executions"); break;
                case "--clients": o.clients = Integer.parseInt(value); break;
                case "--warmup": o.warmup = seconds(value); break;
                case "--duration": o.duration = seconds(value); break;
                case "--max-requests": o.maxRequests = Long.parseLong(value); break;
                case "--ingest-lines": o.ingestLines = size(value); break;
                case "--import-sizes": o.importSizes = sizes(value); break;
                case "--import-heap": o.importHeap = value; break;
                case "--serve-db-url": o.serveDbUrl = value; break;
                case "--serve-jvm": o.serveJvmOptions = value.isBlank() ? List.of() : List.of(value.trim().split("\\s+")); break;
                case "--seed": o.seed = Long.parseLong(value); break;
                case "--service-user": o.serviceUser = value.equals("none") ? null
                        : value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_"); break;
                case "--db-prefix": o.dbPrefix = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_"); break;
                default: throw new UsageException("unknown option " + arg + "\n" + usage());
            }
        }
        if (o.clients < 1 || o.clients > 64) {
            throw new UsageException("--clients must be 1..64");
        }
        return o;
    }

    /** {@code 2k}, {@code 100k}, {@code 1m}, {@code 5m}, {@code 2500}. */
    static long size(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long factor = 1;
        if (t.endsWith("k")) {
            factor = 1_000;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            factor = 1_000_000;
            t = t.substring(0, t.length() - 1);
        }
        return Math.round(Double.parseDouble(t) * factor);
    }

    static String sizeLabel(long n) {
        if (n >= 1_000_000 && n % 1_000_000 == 0) {
            return n / 1_000_000 + "m";
        }
        if (n >= 1_000 && n % 1_000 == 0) {
            return n / 1_000 + "k";
        }
        return Long.toString(n);
    }

    private static List<Long> sizes(String value) {
        List<Long> list = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                list.add(size(part));
            }
        }
        return List.copyOf(list);
    }

    private static Set<String> sections(String value) {
        Set<String> set = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String s = part.trim();
            if (!ALL_SECTIONS.contains(s)) {
                throw new UsageException("unknown section " + s + "; sections: " + ALL_SECTIONS);
            }
            set.add(s);
        }
        return set;
    }

    private static Duration seconds(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.endsWith("s")) {
            v = v.substring(0, v.length() - 1);
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
    }

    private static String oneOf(String value, String... allowed) {
        if (!Arrays.asList(allowed).contains(value)) {
            throw new UsageException("expected one of " + Arrays.toString(allowed) + ", got " + value);
        }
        return value;
    }

    static String usage() {
        return String.join("\n",
                "usage: java -cp benchmarks/target/benchmarks.jar dev.orchestrator.benchmarks.system.Suite [options]",
                "  --db-url URL          JDBC URL of a maintenance database (e.g. jdbc:postgresql://HOST:5432/postgres);",
                "                        benchmark databases orchbench_* are created beside it. Default: embedded PostgreSQL",
                "  --db-user U / --db-password P   (default postgres / none)",
                "  --db-prefix P         prefix of the databases created and dropped (default orchbench)",
                "  --service-user R      role serve's API connects as, created as a login member of",
                "                        orchestrator_service (default orchbench_service; none: the --db-user)",
                "  --sizes 100k,1m       executions per data set (default 100k)",
                "  --only S1,S2          sections, of " + ALL_SECTIONS + " (default all but " + OPT_IN_SECTIONS + ")",
                "  --cli-jar PATH        orchestrator.jar (default orchestrator-cli/target/orchestrator.jar)",
                "  --out DIR             report and logs (default benchmarks/target/system)",
                "  --seeder cli|sql      the product's seed synthetic (default) or the suite's SQL seeder",
                "  --signals-shape customers|executions  the signals section's data set: SIZE customers (default) or\n"
                + "                        the other sections' SIZE executions (5m: ~833k customers)",
                "  --clients N           concurrent load clients (default 8)",
                "  --warmup 5s --duration 15s --max-requests N   bounds of each load phase",
                "  --ingest-lines 100k   lines of each measured signal batch (ingest section)",
                "  --import-sizes 25k,100k --import-heap 256m",
                "  --serve-jvm 'OPTS'    extra JVM options for serve (default none)",
                "  --serve-db-url URL    where serve connects instead of --db-url ({db} = the database name), e.g. a PgBouncer",
                "  --keep / --reuse      keep the databases / reuse kept ones (no reseeding)",
                "  --quick               smoke-test timings");
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
