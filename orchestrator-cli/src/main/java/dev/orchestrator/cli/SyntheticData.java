package dev.orchestrator.cli;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.priority.PriorityEvaluator;
import dev.orchestrator.core.domain.priority.PriorityInput;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.persistence.load.CopyLoader;
import dev.orchestrator.persistence.load.Rows;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Generates realistic synthetic data, deterministically for a given seed (and day: snooze dates are
 * relative to today), and streams it into the database with COPY. Each table draws from its own
 * {@link SplittableRandom} split from the seed, so one table's draws never shift another's.
 *
 * <p>Executions respect "at most one open execution per (customer, definition)": each customer
 * gets an even share of its organization's executions, its definitions taken in a per-customer
 * rotation, so a (customer, definition) pair repeats only after every definition had its turn;
 * only a pair's first execution may be open (later ones are completed or skipped).
 * Priority scores are computed while generating with the core's {@link PriorityEvaluator}.
 */
final class SyntheticData {

    record Sizes(int organizations, int csms, int customers, int executions, long seed) {
    }

    /** Rows written per table, and the executions' statuses. */
    record Report(Map<String, Long> rows, Map<String, Long> millis, Map<String, Long> statuses) {
    }

    @FunctionalInterface
    private interface Step {
        long run() throws SQLException;
    }

    private static final String[] ADJECTIVES = {"Obsidian", "Crimson", "Silver", "Northern", "Bright", "Quantum",
            "Blue", "Granite", "Golden", "Swift", "Cedar", "Atlas", "Summit", "Harbor", "Iron", "Lunar"};
    private static final String[] NOUNS = {"Black", "Systems", "Labs", "Logistics", "Health", "Analytics", "Foods",
            "Energy", "Retail", "Capital", "Media", "Robotics", "Networks", "Pharma", "Works", "Dynamics"};
    private static final String[] FIRST = {"Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie",
            "Avery", "Quinn", "Robin", "Drew", "Parker", "Rowan", "Emery", "Sage"};
    private static final String[] LAST = {"Nguyen", "Garcia", "Smith", "Okafor", "Kowalski", "Haddad", "Tanaka",
            "Silva", "Berg", "Murphy", "Rossi", "Novak", "Khan", "Larsen", "Dubois", "Meyer"};
    private static final String[] TITLES = {"CEO", "CFO", "VP Operations", "Head of IT", "Procurement Lead",
            "Director of Engineering", "COO", "Product Manager"};
    private static final String[] STRENGTHS = {"weak", "moderate", "strong"};
    private static final Map<WorkflowType, String[]> DEFINITION_NAMES = Map.of(
            WorkflowType.RISK, new String[] {"Churn Risk Intervention", "Executive Escalation Review", "Usage Recovery Plan"},
            WorkflowType.OPPORTUNITY, new String[] {"Expansion Play", "Upsell Premium Tier", "Seat Growth Review"},
            WorkflowType.STRATEGIC, new String[] {"Strategic Account Plan", "Quarterly Business Review", "Exec Sponsor Sync"},
            WorkflowType.RENEWAL, new String[] {"Renewal Kickoff", "Renewal Pricing Review", "Contract Health Check"},
            WorkflowType.CUSTOM, new String[] {"Onboarding Check-in", "Training Refresh", "Success Plan Update"});
    private static final WorkflowType[] TYPES = WorkflowType.values();

    private final Sizes sizes;
    private final LocalDate today;
    private final OffsetDateTime stampedAt;
    private final PriorityEvaluator evaluator = new PriorityEvaluator(PriorityPolicy.STANDARD);

    // What later tables need from earlier ones (compact, indexed by global position).
    private UUID[] organizationIds;
    private int[] orgFirstCsm;
    private int[] orgCsmCount;
    private UUID[] csmIds;
    private int[] orgFirstCustomer;
    private int[] orgCustomerCount;
    private UUID[] customerIds;
    private int[] customerCsm;
    private byte[] tier;
    private byte[] churn;
    private byte[] usage;
    private final List<List<Rows.Definition>> definitions = new ArrayList<>();

    SyntheticData(Sizes sizes, LocalDate today) {
        this.sizes = sizes;
        this.today = today;
        this.stampedAt = today.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** The first organization's id: tells whether this seed's data is already in a database. */
    static UUID firstOrganizationId(long seed) {
        return new Ids(0, new SplittableRandom(seed).split()).next();
    }

    Report write(CopyLoader loader) throws SQLException {
        SplittableRandom master = new SplittableRandom(sizes.seed());
        SplittableRandom orgRandom = master.split();
        SplittableRandom profileRandom = master.split();
        SplittableRandom customerRandom = master.split();
        SplittableRandom signalRandom = master.split();
        SplittableRandom contactRandom = master.split();
        SplittableRandom definitionRandom = master.split();
        SplittableRandom executionRandom = master.split();

        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, Long> millis = new LinkedHashMap<>();
        Map<String, Long> statuses = new LinkedHashMap<>();
        for (ExecutionStatus s : ExecutionStatus.values()) {
            statuses.put(s.wireName(), 0L);
        }
        timed("organizations", rows, millis, () -> organizations(loader, orgRandom));
        timed("profiles", rows, millis, () -> profiles(loader, profileRandom));
        timed("customers", rows, millis, () -> customers(loader, customerRandom));
        timed("customer_properties", rows, millis, () -> signals(loader, signalRandom));
        timed("contacts", rows, millis, () -> contacts(loader, contactRandom));
        timed("workflow_definitions", rows, millis, () -> definitions(loader, definitionRandom));
        timed("workflow_executions", rows, millis, () -> executions(loader, executionRandom, statuses));
        return new Report(rows, millis, statuses);
    }

    /** The organizations written (after {@link #write}). */
    List<UUID> organizationIds() {
        return List.of(organizationIds);
    }

    private static void timed(String table, Map<String, Long> rows, Map<String, Long> millis, Step step)
            throws SQLException {
        long started = System.nanoTime();
        rows.put(table, step.run());
        millis.put(table, (System.nanoTime() - started) / 1_000_000);
    }

    private long organizations(CopyLoader loader, SplittableRandom r) throws SQLException {
        Ids ids = new Ids(0, r);
        int n = sizes.organizations();
        organizationIds = new UUID[n];
        try (CopyLoader.Copy<Rows.Organization> copy = loader.organizations()) {
            for (int o = 0; o < n; o++) {
                organizationIds[o] = ids.next();
                copy.add(new Rows.Organization(o, organizationIds[o],
                        pick(r, ADJECTIVES) + " " + pick(r, NOUNS) + " Org " + (o + 1) + " (seed " + sizes.seed() + ")"));
            }
            return copy.rows();
        }
    }

    private long profiles(CopyLoader loader, SplittableRandom r) throws SQLException {
        Ids ids = new Ids(1, r);
        int n = sizes.organizations();
        orgFirstCsm = new int[n];
        orgCsmCount = new int[n];
        csmIds = new UUID[sizes.csms()];
        int nextCsm = 0;
        try (CopyLoader.Copy<Rows.Profile> copy = loader.profiles()) {
            for (int o = 0; o < n; o++) {
                UUID org = organizationIds[o];
                String domain = "org" + (o + 1) + ".s" + sizes.seed() + ".example";
                copy.add(new Rows.Profile(0, ids.next(), org, "admin@" + domain, person(r), "admin", null));
                int csms = share(sizes.csms(), n, o);
                int managers = Math.max(1, csms / 8);
                UUID[] managerIds = new UUID[managers];
                for (int m = 0; m < managers; m++) {
                    managerIds[m] = ids.next();
                    copy.add(new Rows.Profile(0, managerIds[m], org, "manager" + (m + 1) + "@" + domain, person(r),
                            "manager", null));
                }
                orgFirstCsm[o] = nextCsm;
                orgCsmCount[o] = csms;
                for (int c = 0; c < csms; c++) {
                    csmIds[nextCsm] = ids.next();
                    copy.add(new Rows.Profile(0, csmIds[nextCsm], org, "csm" + (c + 1) + "@" + domain, person(r), "csm",
                            managerIds[c % managers]));
                    nextCsm++;
                }
            }
            return copy.rows();
        }
    }

    private long customers(CopyLoader loader, SplittableRandom r) throws SQLException {
        Ids ids = new Ids(2, r);
        int n = sizes.organizations();
        orgFirstCustomer = new int[n];
        orgCustomerCount = new int[n];
        customerIds = new UUID[sizes.customers()];
        customerCsm = new int[sizes.customers()];
        int next = 0;
        try (CopyLoader.Copy<Rows.Customer> copy = loader.customers()) {
            for (int o = 0; o < n; o++) {
                orgFirstCustomer[o] = next;
                orgCustomerCount[o] = share(sizes.customers(), n, o);
                for (int c = 0; c < orgCustomerCount[o]; c++) {
                    customerIds[next] = ids.next();
                    customerCsm[next] = orgFirstCsm[o] + r.nextInt(orgCsmCount[o]);
                    // ARR: log-uniform between 10k and 2.5M.
                    BigDecimal arr = BigDecimal.valueOf(Math.round(Math.exp(r.nextDouble(Math.log(10_000),
                            Math.log(2_500_000))) * 100), 2);
                    LocalDate renewal = today.plusDays(r.nextInt(-30, 366));
                    copy.add(new Rows.Customer(0, customerIds[next], organizationIds[o],
                            pick(r, ADJECTIVES) + " " + pick(r, NOUNS) + " " + (c + 1), csmIds[customerCsm[next]], arr,
                            renewal, null, null));
                    next++;
                }
            }
            return copy.rows();
        }
    }

    private long signals(CopyLoader loader, SplittableRandom r) throws SQLException {
        int total = sizes.customers();
        tier = new byte[total];
        churn = new byte[total];
        usage = new byte[total];
        try (CopyLoader.Copy<Rows.CustomerSignals> copy = loader.signals()) {
            for (int o = 0; o < sizes.organizations(); o++) {
                for (int i = orgFirstCustomer[o]; i < orgFirstCustomer[o] + orgCustomerCount[o]; i++) {
                    tier[i] = churn[i] = usage[i] = -1;
                    if (r.nextInt(100) < 5) {
                        continue; // 5 %: nothing known about the customer
                    }
                    Integer t = maybe(r, weighted(r, new int[] {5, 15, 25, 25, 20, 10}));
                    Integer ch = maybe(r, clamp((int) Math.round(Math.abs(r.nextDouble() * r.nextDouble() * 10.5)), 0, 10));
                    Integer u = maybe(r, clamp((int) Math.round(gauss(r, 60, 20)), 0, 100));
                    Integer h = maybe(r, clamp((int) Math.round(gauss(r, 70, 15)), 0, 100));
                    tier[i] = t == null ? -1 : t.byteValue();
                    churn[i] = ch == null ? -1 : ch.byteValue();
                    usage[i] = u == null ? -1 : u.byteValue();
                    copy.add(new Rows.CustomerSignals(customerIds[i], organizationIds[o], new Rows.Signals(t, ch, u, h,
                            maybe(r, decimal(Math.max(0, gauss(r, 85, 20)))),
                            maybe(r, decimal(gauss(r, 15, 30))),
                            maybe(r, decimal(r.nextDouble(0, 100))),
                            maybe(r, decimal(Math.min(100, Math.max(0, gauss(r, 65, 20))))),
                            maybe(r, decimal(Math.min(99, Math.max(-99, gauss(r, 0, 12))))))));
                }
            }
            return copy.rows();
        }
    }

    private long contacts(CopyLoader loader, SplittableRandom r) throws SQLException {
        Ids ids = new Ids(3, r);
        try (CopyLoader.Copy<Rows.CustomerContact> copy = loader.contacts()) {
            for (int o = 0; o < sizes.organizations(); o++) {
                for (int i = orgFirstCustomer[o]; i < orgFirstCustomer[o] + orgCustomerCount[o]; i++) {
                    int count = 1 + r.nextInt(3);
                    for (int k = 0; k < count; k++) {
                        String name = person(r);
                        int s = weighted(r, new int[] {25, 45, 30});
                        copy.add(new Rows.CustomerContact(organizationIds[o], customerIds[i], new Rows.Contact(ids.next(),
                                name, name.toLowerCase().replace(' ', '.') + "@customer" + (i + 1) + ".example",
                                pick(r, TITLES), STRENGTHS[s], k == 0 && r.nextInt(10) < 6)));
                    }
                }
            }
            return copy.rows();
        }
    }

    private long definitions(CopyLoader loader, SplittableRandom r) throws SQLException {
        Ids ids = new Ids(4, r);
        try (CopyLoader.Copy<Rows.Definition> copy = loader.definitions()) {
            for (int o = 0; o < sizes.organizations(); o++) {
                List<Rows.Definition> defs = new ArrayList<>();
                int production = 5 + r.nextInt(6);
                for (int d = 0; d < production; d++) {
                    WorkflowType type = d < TYPES.length ? TYPES[d] : TYPES[r.nextInt(TYPES.length)];
                    int weight = PriorityPolicy.STANDARD.defaultWeight(type);
                    if (r.nextInt(10) < 3) {
                        weight += r.nextInt(-50, 51);
                    }
                    String triggers = switch (type) {
                        case RISK -> "{\"risk_score_min\": " + (4 + r.nextInt(5)) + "}";
                        case OPPORTUNITY -> "{\"opportunity_score_min\": " + (3 + r.nextInt(5)) + "}";
                        case RENEWAL -> "{\"risk_score_min\": " + (2 + r.nextInt(3)) + "}";
                        case CUSTOM -> r.nextBoolean() ? "{}"
                                : "{\"opportunity_score_min\": 3, \"risk_score_min\": " + (3 + r.nextInt(3)) + "}";
                        default -> "{}";
                    };
                    String[] names = DEFINITION_NAMES.get(type);
                    defs.add(new Rows.Definition(d, ids.next(), organizationIds[o],
                            names[r.nextInt(names.length)] + " #" + (d + 1), type.wireName(),
                            "Synthetic " + type.wireName() + " workflow", weight, triggers, r.nextInt(20) != 0, false));
                }
                if (r.nextBoolean()) { // half of the organizations also have the demo sequence
                    WorkflowType[] demoTypes = {WorkflowType.STRATEGIC, WorkflowType.OPPORTUNITY, WorkflowType.RISK};
                    String[] demoNames = {"Complete Strategic Account Plan", "Expansion Opportunity", "Executive Engagement"};
                    for (int k = 0; k < 3; k++) {
                        defs.add(new Rows.Definition(production + k, ids.next(), organizationIds[o], demoNames[k],
                                demoTypes[k].wireName(), "Demo sequence step " + (k + 1),
                                PriorityPolicy.STANDARD.defaultWeight(demoTypes[k]),
                                "{\"trigger_type\": \"demo_sequence\", \"order\": " + (k + 1) + "}", true, true));
                    }
                }
                for (Rows.Definition d : defs) {
                    copy.add(d);
                }
                definitions.add(defs);
            }
            return copy.rows();
        }
    }

    private long executions(CopyLoader loader, SplittableRandom r, Map<String, Long> statuses) throws SQLException {
        Ids ids = new Ids(5, r);
        int orgs = sizes.organizations();
        try (CopyLoader.Copy<Rows.Execution> copy = loader.executions(stampedAt)) {
            int index = 0;
            for (int o = 0; o < orgs; o++) {
                int count = share(sizes.executions(), orgs, o);
                int customers = orgCustomerCount[o];
                if (customers == 0) {
                    continue;
                }
                List<Rows.Definition> defs = definitions.get(o);
                int d = defs.size();
                // Customer by customer (their ids ascend, so do the executions'): customer `local` gets its
                // share of the organization's executions, its definitions taken in a rotation.
                for (int local = 0; local < customers; local++) {
                    int c = orgFirstCustomer[o] + local;
                    int own = share(count, customers, local);
                    for (int t = 0; t < own; t++) {
                        Rows.Definition def = defs.get((int) ((local * 7919L + t) % d));
                        boolean firstOfPair = t < d;
                        statuses.merge(execution(copy, r, ids, index++, o, c, def, firstOfPair), 1L, Long::sum);
                    }
                }
            }
            return copy.rows();
        }
    }

    /** Writes one execution; returns its status. Only a pair's first execution may be open. */
    private String execution(CopyLoader.Copy<Rows.Execution> copy, SplittableRandom r, Ids ids, int index, int o, int c,
            Rows.Definition def, boolean firstOfPair) throws SQLException {
        int roll = r.nextInt(100);
        ExecutionStatus status;
        if (firstOfPair && roll < 70) {
            status = roll < 45 ? ExecutionStatus.NOT_STARTED : ExecutionStatus.UNDERWAY;
        } else if (firstOfPair && roll < 80) {
            status = ExecutionStatus.SNOOZED;
        } else {
            status = r.nextInt(3) < 2 ? ExecutionStatus.COMPLETED : ExecutionStatus.SKIPPED;
        }
        OffsetDateTime snoozeUntil = status == ExecutionStatus.SNOOZED
                ? stampedAt.plusDays(r.nextInt(-10, 31)).plusHours(r.nextInt(24)) : null;
        int score = 0;
        if (ExecutionStatus.ACTIVE.contains(status)) {
            score = evaluator.evaluate(new PriorityInput(status, snoozeUntil == null ? null : snoozeUntil.toInstant(),
                    WorkflowType.fromWireName(def.workflowType()).orElseThrow(), def.priorityWeight(),
                    signal(tier[c]), signal(churn[c]), signal(usage[c])), today).value();
        }
        String data = status == ExecutionStatus.UNDERWAY ? "{\"step\": " + (1 + r.nextInt(5)) + "}" : "{}";
        copy.add(new Rows.Execution(index, ids.next(), organizationIds[o], def.id(), customerIds[c],
                csmIds[customerCsm[c]], status.wireName(), snoozeUntil,
                status == ExecutionStatus.SKIPPED ? "Not a priority this quarter" : null, data, def.demo(), score));
        return status.wireName();
    }

    // --- helpers ----------------------------------------------------------------------------

    /**
     * Time-ordered ids in the UUIDv7 layout (48-bit "timestamp", version 7, random rest): each table
     * counts up from its own base, so its ids ascend in generation order. Index inserts then land at
     * the right edge of the B-trees instead of at random pages, which is what makes a million
     * executions load fast. Deterministic: the random bits come from the table's stream.
     */
    private static final class Ids {
        private static final long BASE = 0x0194_0000_0000L; // early 2025 in Unix milliseconds
        private final SplittableRandom random;
        private long next;

        Ids(int table, SplittableRandom random) {
            this.random = random;
            this.next = BASE + ((long) table << 36);
        }

        UUID next() {
            long msb = (next++ << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
            long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(msb, lsb);
        }
    }

    /** Organization {@code index}'s share of {@code total}, spread evenly (the first ones get the remainder). */
    static int share(int total, int parts, int index) {
        return total / parts + (index < total % parts ? 1 : 0);
    }

    private static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    private static String person(SplittableRandom r) {
        return pick(r, FIRST) + " " + pick(r, LAST);
    }

    private static int weighted(SplittableRandom r, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int roll = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** 7 % of signals are unknown. */
    private static <T> T maybe(SplittableRandom r, T value) {
        return r.nextInt(100) < 7 ? null : value;
    }

    private static double gauss(SplittableRandom r, double mean, double sd) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }

    private static BigDecimal decimal(double v) {
        return BigDecimal.valueOf(Math.round(v * 100), 2);
    }

    private static Integer signal(byte b) {
        return b < 0 ? null : (int) b;
    }
}
