package dev.orchestrator.benchmarks.system;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Import into a populated database against an empty one: the same generated file (one
 * organization: CSMs, definitions, customers with signals and contacts, one or two executions per
 * customer) is imported with {@code orchestrator.jar import} into copies of three template
 * databases: (a) migrated only, (b) {@code seed synthetic} with 10 executions, (c) {@code seed
 * synthetic} with {@code --executions} executions in one organization. The file's organization is
 * the seeded one (seed 1), so in (b) and (c) the import lands in an organization that already holds
 * data and its re-scoring covers it. Prints write and re-score time per row for each case.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.orchestrator.benchmarks.system.ImportPopulated \
 *      --db-url jdbc:postgresql://127.0.0.1:5432/postgres --customers 60000 --executions 500000
 * </pre>
 * Options: {@code --jar} (default orchestrator-cli/target/orchestrator.jar), {@code --user}
 * (default postgres), {@code --prefix} of the databases it creates (default perfimp), {@code
 * --keep-templates} (reuse the templates of an earlier run), {@code --cases empty,small,big}.
 * Every database it creates is dropped at the end unless {@code --keep-templates}.
 */
public final class ImportPopulated {

    private static final Pattern WRITTEN = Pattern.compile("written in ([0-9.]+) s");
    private static final Pattern RECOMPUTED = Pattern.compile(
            "Recomputed priorities of (\\d+) organization\\(s\\): (\\d+) open executions examined, (\\d+) changed \\(([0-9.]+) s\\)");

    private ImportPopulated() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>(Map.of("--db-url", "jdbc:postgresql://127.0.0.1:5432/postgres",
                "--customers", "60000", "--executions", "500000", "--jar", "orchestrator-cli/target/orchestrator.jar",
                "--user", "postgres", "--prefix", "perfimp", "--cases", "empty,small,big", "--out", "benchmarks/target/import-populated"));
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--keep-templates")) {
                keep = true;
            } else if (o.containsKey(args[i]) && i + 1 < args.length) {
                o.put(args[i], args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option " + args[i] + "; options: " + o.keySet() + " --keep-templates");
            }
        }
        String adminUrl = o.get("--db-url");
        String base = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1);
        String user = o.get("--user");
        int customers = Integer.parseInt(o.get("--customers"));
        int executions = Integer.parseInt(o.get("--executions"));
        Path jar = Path.of(o.get("--jar"));
        Path out = Path.of(o.get("--out"));
        Files.createDirectories(out);
        String prefix = o.get("--prefix");
        Map<String, String> env = Map.of("ORCHESTRATOR_DB_USER", user);

        List<String> cases = List.of(o.get("--cases").split(","));
        Map<String, String> seedArgs = new LinkedHashMap<>();
        seedArgs.put("empty", null);
        seedArgs.put("small", "--organizations 1 --csms 2 --customers 5 --executions 10");
        seedArgs.put("big", "--organizations 1 --csms 200 --customers " + Math.max(1, executions / 6) + " --executions " + executions);

        try (Connection admin = DriverManager.getConnection(adminUrl, user, null)) {
            for (String c : cases) {
                String tpl = prefix + "_tpl_" + c;
                boolean exists = Sql.longValue(admin, "SELECT count(*) FROM pg_database WHERE datname = '" + tpl + "'") > 0;
                if (exists && keep) {
                    continue;
                }
                Sql.execute(admin, "DROP DATABASE IF EXISTS " + tpl + " WITH (FORCE)");
                Sql.execute(admin, "CREATE DATABASE " + tpl + " TEMPLATE template0");
                cli(jar, env, out, "migrate-" + c, "migrate", "--db-url", base + tpl);
                if (seedArgs.get(c) != null) {
                    List<String> a = new ArrayList<>(List.of("seed", "synthetic", "--db-url", base + tpl));
                    a.addAll(List.of(seedArgs.get(c).split(" ")));
                    Processes.Run seeded = cli(jar, env, out, "seed-" + c, a.toArray(String[]::new));
                    System.err.println("[import-populated] seeded " + tpl + " in " + Report.fmt(seeded.seconds()) + " s");
                }
            }
            Path file = out.resolve("import-" + customers + ".json");
            String org = firstSyntheticOrganization(base + prefix + "_tpl_" + (cases.contains("big") ? "big"
                    : cases.contains("small") ? "small" : cases.get(0)), user);
            long rows = write(file, org, customers, 1);
            System.err.println("[import-populated] file " + file + ": " + Files.size(file) / 1048576 + " MB, organization " + org);

            List<String> table = new ArrayList<>();
            table.add("| database before the import | write s | write µs/row | re-score s | re-scored examined / changed | re-score µs/row imported |");
            table.add("|---|---|---|---|---|---|");
            for (String c : cases) {
                String db = prefix + "_run";
                Sql.execute(admin, "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                Sql.execute(admin, "CREATE DATABASE " + db + " TEMPLATE " + prefix + "_tpl_" + c);
                Processes.Run run = cli(jar, env, out, "import-" + c, "import", "--db-url", base + db, file.toString());
                String text = run.out();
                Matcher w = WRITTEN.matcher(text);
                Matcher r = RECOMPUTED.matcher(text);
                if (run.exitCode() != 0 || !w.find() || !r.find()) {
                    throw new IllegalStateException("import into " + c + " failed: " + text + run.err());
                }
                double write = Double.parseDouble(w.group(1));
                double rescore = Double.parseDouble(r.group(4));
                String line = String.format(Locale.ROOT, "| %s | %.1f | %.0f | %.1f | %s / %s | %.0f |", label(c, executions),
                        write, write * 1e6 / rows, rescore, r.group(2), r.group(3), rescore * 1e6 / rows);
                table.add(line);
                System.err.println("[import-populated] " + line);
                Sql.execute(admin, "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
            System.out.println("File: " + customers + " customers, " + rows + " rows in all (" + Files.size(file) / 1048576
                    + " MB); load average " + Context.load() + "; " + LocalDate.now());
            table.forEach(System.out::println);
            Files.write(out.resolve("report.md"), table);
            if (!keep) {
                for (String c : cases) {
                    Sql.execute(admin, "DROP DATABASE IF EXISTS " + prefix + "_tpl_" + c + " WITH (FORCE)");
                }
            }
            if (!keep) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static String label(String c, int executions) {
        return switch (c) {
            case "empty" -> "(a) empty (migrated)";
            case "small" -> "(b) seed synthetic, 10 executions";
            default -> "(c) seed synthetic, " + executions + " executions";
        };
    }

    private static Processes.Run cli(Path jar, Map<String, String> env, Path out, String name, String... args) throws Exception {
        Processes.Run run = Processes.runJar(jar, List.of(), List.of(args), env, out.resolve("logs"), name, Duration.ofMinutes(30));
        if (run.exitCode() != 0) {
            throw new IllegalStateException(name + " failed: " + run.out() + run.err());
        }
        return run;
    }

    private static String firstSyntheticOrganization(String url, String user) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, null); Statement s = c.createStatement();
                var r = s.executeQuery("SELECT id FROM organizations ORDER BY id LIMIT 1")) {
            // seed synthetic's organization with seed 1 (the same in every template); a fixed one when none.
            return r.next() ? r.getString(1) : id(1, 0);
        }
    }

    /**
     * Writes the import file: organization {@code org}, its CSMs, five definitions (one per type),
     * {@code customers} customers with signals and one or two contacts, and one or two executions
     * per customer (about 70 % open). Returns the number of rows (customers + executions +
     * profiles + definitions + 1).
     */
    public static long write(Path file, String org, int customers, long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        int csms = Math.max(5, Math.min(400, customers / 250));
        String[] types = {"risk", "opportunity", "strategic", "renewal", "custom"};
        String[] strengths = {"weak", "moderate", "strong"};
        long rows = 1 + csms + types.length;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\"organizations\": [{\"id\": \"" + org + "\", \"name\": \"Imported organization\"}],\n\"profiles\": [\n");
            for (int i = 0; i < csms; i++) {
                w.write(String.format(Locale.ROOT, "%s{\"id\": \"%s\", \"organization_id\": \"%s\", "
                        + "\"email\": \"csm%d@import.invalid\", \"full_name\": \"CSM %d\", \"role\": \"csm\"}",
                        i == 0 ? "" : ",\n", id(2, i), org, i, i));
            }
            w.write("],\n\"workflow_definitions\": [\n");
            for (int d = 0; d < types.length; d++) {
                w.write(String.format(Locale.ROOT, "%s{\"id\": \"%s\", \"organization_id\": \"%s\", \"name\": \"Imported %s\", "
                        + "\"workflow_type\": \"%s\", \"trigger_conditions\": {\"risk_score_min\": %d}}",
                        d == 0 ? "" : ",\n", id(4, d), org, types[d], types[d], 5 + d));
            }
            w.write("],\n\"customers\": [\n");
            for (long i = 0; i < customers; i++) {
                StringBuilder contacts = new StringBuilder();
                int nContacts = 1 + (int) (i % 2);
                for (int k = 0; k < nContacts; k++) {
                    contacts.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                            "{\"name\": \"Contact %d-%d\", \"email\": \"c%d.%d@customer.invalid\", \"relationship_strength\": \"%s\", "
                                    + "\"is_decision_maker\": %b}", i, k, i, k, strengths[random.nextInt(3)], random.nextBoolean()));
                }
                w.write(String.format(Locale.ROOT,
                        "%s{\"id\": \"%s\", \"organization_id\": \"%s\", \"name\": \"Customer %d\", \"csm_id\": \"%s\", "
                                + "\"arr\": %d.%02d, \"renewal_date\": \"2027-%02d-%02d\", \"properties\": {\"revenue_impact_tier\": %d, "
                                + "\"churn_risk_score\": %d, \"usage_score\": %d, \"health_score\": %d, \"utilization_percent\": %d, "
                                + "\"yoy_growth_percent\": %d, \"market_price_percentile\": %d, \"adoption_rate_percent\": %d, "
                                + "\"usage_change_percent_last_month\": %d}, \"contacts\": [%s]}",
                        i == 0 ? "" : ",\n", id(3, i), org, i, id(2, i % csms), random.nextInt(200_000), random.nextInt(100),
                        1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(6), random.nextInt(11),
                        random.nextInt(101), random.nextInt(101), random.nextInt(150), random.nextInt(200) - 50,
                        random.nextInt(101), random.nextInt(101), random.nextInt(60) - 30, contacts));
            }
            rows += customers;
            w.write("\n],\n\"workflow_executions\": [\n");
            long n = 0;
            for (long i = 0; i < customers; i++) {
                int perCustomer = 1 + (int) (i % 2);
                for (int k = 0; k < perCustomer; k++) {
                    int roll = random.nextInt(100);
                    String status = roll < 45 ? "not_started" : roll < 70 ? "underway" : roll < 80 ? "snoozed"
                            : roll < 90 ? "completed" : "skipped";
                    String extra = switch (status) {
                        case "snoozed" -> ", \"snooze_until\": \"" + LocalDate.now().plusDays(1 + random.nextInt(30)) + "\"";
                        case "skipped" -> ", \"skip_reason\": \"not now\"";
                        default -> "";
                    };
                    w.write(String.format(Locale.ROOT, "%s{\"id\": \"%s\", \"organization_id\": \"%s\", "
                            + "\"workflow_definition_id\": \"%s\", \"customer_id\": \"%s\", \"assigned_csm_id\": \"%s\", "
                            + "\"status\": \"%s\"%s}", n == 0 ? "" : ",\n", id(5, n), org, id(4, (int) ((i + k) % types.length)),
                            id(3, i), id(2, i % csms), status, extra));
                    n++;
                }
            }
            rows += n;
            w.write("\n]}\n");
        }
        return rows;
    }

    /** A fixed, valid (version 4) UUID for the {@code n}-th row of {@code kind}. */
    private static String id(int kind, long n) {
        return String.format(Locale.ROOT, "c%07x-0000-4000-8000-%012x", kind, n);
    }
}
