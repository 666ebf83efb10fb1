package dev.orchestrator.cli;

import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.catalog.CatalogRules;
import dev.orchestrator.core.domain.catalog.CatalogSection;
import dev.orchestrator.core.domain.catalog.ContactEntry;
import dev.orchestrator.core.domain.catalog.CustomerEntry;
import dev.orchestrator.core.domain.catalog.ExecutionEntry;
import dev.orchestrator.core.domain.catalog.OrganizationEntry;
import dev.orchestrator.core.domain.catalog.Problems;
import dev.orchestrator.core.domain.catalog.SignalValues;
import dev.orchestrator.core.domain.customer.RelationshipStrength;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.priority.PriorityEvaluator;
import dev.orchestrator.core.domain.priority.PriorityInput;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.signals.SignalField;
import dev.orchestrator.core.domain.workflow.TriggerConditions;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.persistence.load.CopyLoader;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Generates realistic synthetic data, deterministically for a given seed (and day: snooze dates are
 * relative to today), as the core's catalog entries, checks every entry with {@link CatalogRules}
 * (an entry that breaks a rule is a bug here: the run fails naming the problem) and streams them
 * into the database with COPY. Each table draws from its own {@link SplittableRandom} split from
 * the seed, so one table's draws never shift another's.
 *
 * <p>A customer entry is whole (signals and contacts) so that it is checked as one, but the three
 * tables it fills are three COPYs, one after the other: rather than hold the customers in memory,
 * each COPY draws them again from fresh copies of the same streams (cheap next to the executions).
 *
 * <p>Executions respect "at most one open execution per (customer, definition)": each customer
 * gets an even share of its organization's executions, its definitions taken in a per-customer
 * rotation, so a (customer, definition) pair repeats only after every definition had its turn;
 * only a pair's first execution may be open (later ones are completed or skipped).
 * Priority scores are computed while generating with the core's {@link PriorityEvaluator}, under
 * the orchestrator's policy.
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

    /** One of {@link CatalogRules}' checks. */
    @FunctionalInterface
    private interface Rule<T> {
        void check(T entry, String path, Problems problems);
    }

    @FunctionalInterface
    private interface CustomerSink {
        void accept(DrawnCustomer customer) throws SQLException;
    }

    /** A customer as drawn: its entry, its position in the data and its contacts' ids. */
    private record DrawnCustomer(int index, CustomerEntry entry, List<UUID> contactIds) {
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
    private static final RelationshipStrength[] STRENGTHS = {RelationshipStrength.WEAK, RelationshipStrength.MODERATE,
            RelationshipStrength.STRONG};
    private static final Map<WorkflowType, String[]> DEFINITION_NAMES = Map.of(
            WorkflowType.RISK, new String[] {"Churn Risk Intervention", "Executive Escalation Review", "Usage Recovery Plan"},
            WorkflowType.OPPORTUNITY, new String[] {"Expansion Play", "Upsell Premium Tier", "Seat Growth Review"},
            WorkflowType.STRATEGIC, new String[] {"Strategic Account Plan", "Quarterly Business Review", "Exec Sponsor Sync"},
            WorkflowType.RENEWAL, new String[] {"Renewal Kickoff", "Renewal Pricing Review", "Contract Health Check"},
            WorkflowType.CUSTOM, new String[] {"Onboarding Check-in", "Training Refresh", "Success Plan Update"});
    private static final WorkflowType[] TYPES = WorkflowType.values();
    private static final String SKIP_REASON = "Not a priority this quarter";
    /** The ARR from which a customer counts as a strategic account, with an annual review date. */
    private static final BigDecimal STRATEGIC_ARR = BigDecimal.valueOf(1_000_000);

    // The streams split from the seed, in this order.
    private static final int ORGANIZATIONS = 0;
    private static final int PROFILES = 1;
    private static final int CUSTOMERS = 2;
    private static final int SIGNALS = 3;
    private static final int CONTACTS = 4;
    private static final int DEFINITIONS = 5;
    private static final int EXECUTIONS = 6;

    private final Sizes sizes;
    private final LocalDate today;
    private final OffsetDateTime stampedAt;
    private final PriorityPolicy policy;
    private final PriorityEvaluator evaluator;
    private final int maxSignalScore;
    private final Problems problems = new Problems();

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
    private final List<List<WorkflowDefinition>> definitions = new ArrayList<>();

    /** {@code policy} and {@code maxSignalScore}: the orchestrator's (scores, default weights, trigger thresholds). */
    SyntheticData(Sizes sizes, LocalDate today, PriorityPolicy policy, int maxSignalScore) {
        this.sizes = sizes;
        this.today = today;
        this.stampedAt = today.atStartOfDay().atOffset(ZoneOffset.UTC);
        this.policy = policy;
        this.evaluator = new PriorityEvaluator(policy);
        this.maxSignalScore = maxSignalScore;
    }

    /** The first organization's id: tells whether this seed's data is already in a database. */
    static UUID firstOrganizationId(long seed) {
        return new Ids(0, streams(seed)[ORGANIZATIONS]).next();
    }

    /** The seed's streams, one per kind of data; every call gives fresh copies in the same state. */
    private static SplittableRandom[] streams(long seed) {
        SplittableRandom master = new SplittableRandom(seed);
        SplittableRandom[] streams = new SplittableRandom[EXECUTIONS + 1];
        for (int i = 0; i < streams.length; i++) {
            streams[i] = master.split();
        }
        return streams;
    }

    Report write(CopyLoader loader) throws SQLException {
        return write(loader, dev.orchestrator.cli.importing.Progress.none());
    }

    /**
     * The rows to generate for {@code progress}: each customer is drawn three times (customers, their
     * properties, their contacts), each execution once; the small tables do not count.
     */
    long progressUnits() {
        return 3L * sizes.customers() + sizes.executions();
    }

    /** As {@link #write(CopyLoader)}, stepping {@code progress} up to {@link #progressUnits()}. */
    Report write(CopyLoader loader, dev.orchestrator.cli.importing.Progress progress) throws SQLException {
        this.progress = progress;
        this.progressed = 0;
        SplittableRandom[] streams = streams(sizes.seed());
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, Long> millis = new LinkedHashMap<>();
        Map<String, Long> statuses = new LinkedHashMap<>();
        for (ExecutionStatus s : ExecutionStatus.values()) {
            statuses.put(s.wireName(), 0L);
        }
        timed("organizations", rows, millis, () -> organizations(loader, streams[ORGANIZATIONS]));
        timed("profiles", rows, millis, () -> profiles(loader, streams[PROFILES]));
        timed("customers", rows, millis, () -> customers(loader));
        timed("customer_properties", rows, millis, () -> properties(loader));
        timed("contacts", rows, millis, () -> contacts(loader));
        timed("workflow_definitions", rows, millis, () -> definitions(loader, streams[DEFINITIONS]));
        timed("workflow_executions", rows, millis, () -> executions(loader, streams[EXECUTIONS], statuses));
        return new Report(rows, millis, statuses);
    }

    private dev.orchestrator.cli.importing.Progress progress = dev.orchestrator.cli.importing.Progress.none();
    private long progressed;

    /** One more row drawn; the bar moves every 4,096 rows (a bar update per row would cost more than the row). */
    private void advance() {
        if ((++progressed & 4095) == 0) {
            progress.stepTo(progressed);
        }
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

    /** {@code entry}, once the catalog's rules hold for it; a generated entry that breaks one is a bug. */
    private <T> T checked(T entry, Rule<T> rule, String path) {
        rule.check(entry, path, problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("seed synthetic generated data that breaks the catalog's rules (a bug in "
                    + "the generator): " + problems.kept());
        }
        return entry;
    }

    private long organizations(CopyLoader loader, SplittableRandom r) throws SQLException {
        Ids ids = new Ids(0, r);
        int n = sizes.organizations();
        organizationIds = new UUID[n];
        try (CopyLoader.Copy<OrganizationEntry> copy = loader.organizations()) {
            for (int o = 0; o < n; o++) {
                organizationIds[o] = ids.next();
                copy.add(checked(new OrganizationEntry(organization(o),
                        pick(r, ADJECTIVES) + " " + pick(r, NOUNS) + " Org " + (o + 1) + " (seed " + sizes.seed() + ")"),
                        CatalogRules::check, CatalogSection.ORGANIZATIONS.path(o)));
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
        try (CopyLoader.Copy<Profile> copy = loader.profiles()) {
            for (int o = 0; o < n; o++) {
                String domain = "org" + (o + 1) + ".s" + sizes.seed() + ".example";
                profile(copy, o, ids.next(), "admin@" + domain, person(r), Role.ADMIN, null);
                int csms = share(sizes.csms(), n, o);
                int managers = Math.max(1, csms / 8);
                UUID[] managerIds = new UUID[managers];
                for (int m = 0; m < managers; m++) {
                    managerIds[m] = ids.next();
                    profile(copy, o, managerIds[m], "manager" + (m + 1) + "@" + domain, person(r), Role.MANAGER, null);
                }
                orgFirstCsm[o] = nextCsm;
                orgCsmCount[o] = csms;
                for (int c = 0; c < csms; c++) {
                    csmIds[nextCsm] = ids.next();
                    profile(copy, o, csmIds[nextCsm], "csm" + (c + 1) + "@" + domain, person(r), Role.CSM,
                            managerIds[c % managers]);
                    nextCsm++;
                }
            }
            return copy.rows();
        }
    }

    private void profile(CopyLoader.Copy<Profile> copy, int o, UUID id, String email, String name, Role role,
            UUID manager) throws SQLException {
        copy.add(checked(new Profile(new ProfileId(id), organization(o), email, name, role,
                manager == null ? null : new ProfileId(manager)), CatalogRules::check,
                CatalogSection.PROFILES.path((int) copy.rows())));
    }

    /** Writes the customers (checked whole: with their signals and contacts); lays out who belongs where. */
    private long customers(CopyLoader loader) throws SQLException {
        int n = sizes.organizations();
        orgFirstCustomer = new int[n];
        orgCustomerCount = new int[n];
        int next = 0;
        for (int o = 0; o < n; o++) {
            orgFirstCustomer[o] = next;
            orgCustomerCount[o] = share(sizes.customers(), n, o);
            next += orgCustomerCount[o];
        }
        customerIds = new UUID[sizes.customers()];
        customerCsm = new int[sizes.customers()];
        tier = new byte[sizes.customers()];
        churn = new byte[sizes.customers()];
        usage = new byte[sizes.customers()];
        try (CopyLoader.Copy<CustomerEntry> copy = loader.customers()) {
            drawCustomers(c -> copy.add(checked(c.entry(), CatalogRules::check, CatalogSection.CUSTOMERS.path(c.index()))));
            return copy.rows();
        }
    }

    private long properties(CopyLoader loader) throws SQLException {
        try (CopyLoader.Copy<CustomerEntry> copy = loader.properties()) {
            drawCustomers(c -> copy.add(c.entry()));
            return copy.rows();
        }
    }

    private long contacts(CopyLoader loader) throws SQLException {
        try (CopyLoader.Copy<CopyLoader.Contacts> copy = loader.contacts()) {
            drawCustomers(c -> copy.add(new CopyLoader.Contacts(c.entry(), c.contactIds())));
            return copy.rows();
        }
    }

    /** Draws every customer, in order, from fresh copies of the customer, signal and contact streams. */
    private void drawCustomers(CustomerSink sink) throws SQLException {
        SplittableRandom[] streams = streams(sizes.seed());
        CustomerDraws draws = new CustomerDraws(streams[CUSTOMERS], streams[SIGNALS], streams[CONTACTS]);
        for (int o = 0; o < sizes.organizations(); o++) {
            for (int c = 0; c < orgCustomerCount[o]; c++) {
                sink.accept(draws.next(o, c, orgFirstCustomer[o] + c));
                advance();
            }
        }
    }

    /** The customers' three streams, each drawn in customer order. */
    private final class CustomerDraws {
        private final SplittableRandom r;
        private final SplittableRandom signals;
        private final SplittableRandom contacts;
        private final Ids ids;
        private final Ids contactIds;

        CustomerDraws(SplittableRandom customers, SplittableRandom signals, SplittableRandom contacts) {
            this.r = customers;
            this.signals = signals;
            this.contacts = contacts;
            this.ids = new Ids(2, customers);
            this.contactIds = new Ids(3, contacts);
        }

        /** Customer {@code local} of organization {@code o}, at position {@code i} of all of them. */
        DrawnCustomer next(int o, int local, int i) {
            customerIds[i] = ids.next();
            customerCsm[i] = orgFirstCsm[o] + r.nextInt(orgCsmCount[o]);
            // ARR: log-uniform between 10k and 2.5M.
            BigDecimal arr = BigDecimal.valueOf(Math.round(Math.exp(r.nextDouble(Math.log(10_000),
                    Math.log(2_500_000))) * 100), 2);
            LocalDate renewal = today.plusDays(r.nextInt(-30, 366));
            // Strategic accounts (ARR of a million or more, about a sixth) hold an annual review a
            // quarter before renewal. Derived, not drawn: the stream, and so every other value, stays as it was.
            LocalDate review = arr.compareTo(STRATEGIC_ARR) >= 0 ? renewal.minusDays(90) : null;
            String name = pick(r, ADJECTIVES) + " " + pick(r, NOUNS) + " " + (local + 1);
            SignalValues properties = signals(i);
            List<UUID> ids = new ArrayList<>(3);
            List<ContactEntry> people = contacts(i, ids);
            return new DrawnCustomer(i, new CustomerEntry(new CustomerId(customerIds[i]), organization(o), name,
                    new ProfileId(csmIds[customerCsm[i]]), arr, renewal, review, properties, people), ids);
        }

        /** Null for the 5 % of customers nothing is known about (they get no properties row). */
        private SignalValues signals(int i) {
            SplittableRandom s = signals;
            tier[i] = churn[i] = usage[i] = -1;
            if (s.nextInt(100) < 5) {
                return null;
            }
            Integer t = maybe(s, weighted(s, new int[] {5, 15, 25, 25, 20, 10}));
            Integer ch = maybe(s, clamp((int) Math.round(Math.abs(s.nextDouble() * s.nextDouble() * 10.5)), 0, 10));
            Integer u = maybe(s, clamp((int) Math.round(gauss(s, 60, 20)), 0, 100));
            Integer h = maybe(s, clamp((int) Math.round(gauss(s, 70, 15)), 0, 100));
            tier[i] = t == null ? -1 : t.byteValue();
            churn[i] = ch == null ? -1 : ch.byteValue();
            usage[i] = u == null ? -1 : u.byteValue();
            Map<SignalField, BigDecimal> values = new EnumMap<>(SignalField.class);
            put(values, SignalField.REVENUE_IMPACT_TIER, whole(t));
            put(values, SignalField.CHURN_RISK_SCORE, whole(ch));
            put(values, SignalField.USAGE_SCORE, whole(u));
            put(values, SignalField.HEALTH_SCORE, whole(h));
            put(values, SignalField.UTILIZATION_PERCENT, maybe(s, decimal(Math.max(0, gauss(s, 85, 20)))));
            put(values, SignalField.YOY_GROWTH_PERCENT, maybe(s, decimal(gauss(s, 15, 30))));
            put(values, SignalField.MARKET_PRICE_PERCENTILE, maybe(s, decimal(s.nextDouble(0, 100))));
            put(values, SignalField.ADOPTION_RATE_PERCENT,
                    maybe(s, decimal(Math.min(100, Math.max(0, gauss(s, 65, 20))))));
            put(values, SignalField.USAGE_CHANGE_PERCENT_LAST_MONTH,
                    maybe(s, decimal(Math.min(99, Math.max(-99, gauss(s, 0, 12))))));
            return new SignalValues(values);
        }

        /** One to three people; their ids go to {@code ids}. */
        private List<ContactEntry> contacts(int i, List<UUID> ids) {
            SplittableRandom k = contacts;
            int count = 1 + k.nextInt(3);
            List<ContactEntry> people = new ArrayList<>(count);
            for (int n = 0; n < count; n++) {
                String name = person(k);
                RelationshipStrength strength = STRENGTHS[weighted(k, new int[] {25, 45, 30})];
                ids.add(contactIds.next());
                String email = name.toLowerCase().replace(' ', '.') + "@customer" + (i + 1) + ".example";
                String title = pick(k, TITLES);
                people.add(new ContactEntry(name, email, title, strength, n == 0 && k.nextInt(10) < 6));
            }
            return people;
        }
    }

    private long definitions(CopyLoader loader, SplittableRandom r) throws SQLException {
        Ids ids = new Ids(4, r);
        try (CopyLoader.Copy<WorkflowDefinition> copy = loader.definitions()) {
            for (int o = 0; o < sizes.organizations(); o++) {
                List<WorkflowDefinition> defs = new ArrayList<>();
                int production = 5 + r.nextInt(6);
                for (int d = 0; d < production; d++) {
                    WorkflowType type = d < TYPES.length ? TYPES[d] : TYPES[r.nextInt(TYPES.length)];
                    int weight = policy.defaultWeight(type);
                    if (r.nextInt(10) < 3) {
                        weight += r.nextInt(-50, 51);
                    }
                    Map<String, Object> triggers = new LinkedHashMap<>();
                    switch (type) {
                        case RISK -> triggers.put(TriggerConditions.RISK_SCORE_MIN, 4 + r.nextInt(5));
                        case OPPORTUNITY -> triggers.put(TriggerConditions.OPPORTUNITY_SCORE_MIN, 3 + r.nextInt(5));
                        case RENEWAL -> triggers.put(TriggerConditions.RISK_SCORE_MIN, 2 + r.nextInt(3));
                        case CUSTOM -> {
                            if (!r.nextBoolean()) {
                                triggers.put(TriggerConditions.OPPORTUNITY_SCORE_MIN, 3);
                                triggers.put(TriggerConditions.RISK_SCORE_MIN, 3 + r.nextInt(3));
                            }
                        }
                        default -> { }
                    }
                    UUID id = ids.next();
                    String[] names = DEFINITION_NAMES.get(type);
                    String name = names[r.nextInt(names.length)] + " #" + (d + 1);
                    defs.add(new WorkflowDefinition(new DefinitionId(id), organization(o), name, type,
                            "Synthetic " + type.wireName() + " workflow", new TriggerConditions(new JsonObject(triggers)),
                            weight, r.nextInt(20) != 0, false));
                }
                if (r.nextBoolean()) { // half of the organizations also have the demo sequence
                    WorkflowType[] demoTypes = {WorkflowType.STRATEGIC, WorkflowType.OPPORTUNITY, WorkflowType.RISK};
                    String[] demoNames = {"Complete Strategic Account Plan", "Expansion Opportunity", "Executive Engagement"};
                    for (int k = 0; k < 3; k++) {
                        Map<String, Object> triggers = new LinkedHashMap<>();
                        triggers.put(TriggerConditions.TRIGGER_TYPE, "demo_sequence");
                        triggers.put(TriggerConditions.ORDER, k + 1);
                        defs.add(new WorkflowDefinition(new DefinitionId(ids.next()), organization(o), demoNames[k],
                                demoTypes[k], "Demo sequence step " + (k + 1),
                                new TriggerConditions(new JsonObject(triggers)), policy.defaultWeight(demoTypes[k]),
                                true, true));
                    }
                }
                for (WorkflowDefinition d : defs) {
                    copy.add(checked(d, (def, path, p) -> CatalogRules.check(def, path, maxSignalScore, p),
                            CatalogSection.WORKFLOW_DEFINITIONS.path((int) copy.rows())));
                }
                definitions.add(defs);
            }
            return copy.rows();
        }
    }

    private long executions(CopyLoader loader, SplittableRandom r, Map<String, Long> statuses) throws SQLException {
        Ids ids = new Ids(5, r);
        int orgs = sizes.organizations();
        try (CopyLoader.Copy<CopyLoader.ScoredExecution> copy = loader.executions(stampedAt.toInstant())) {
            int index = 0;
            for (int o = 0; o < orgs; o++) {
                int count = share(sizes.executions(), orgs, o);
                int customers = orgCustomerCount[o];
                if (customers == 0) {
                    continue;
                }
                List<WorkflowDefinition> defs = definitions.get(o);
                int d = defs.size();
                // Customer by customer (their ids ascend, so do the executions'): customer `local` gets its
                // share of the organization's executions, its definitions taken in a rotation.
                for (int local = 0; local < customers; local++) {
                    int c = orgFirstCustomer[o] + local;
                    int own = share(count, customers, local);
                    for (int t = 0; t < own; t++) {
                        WorkflowDefinition def = defs.get((int) ((local * 7919L + t) % d));
                        boolean firstOfPair = t < d;
                        statuses.merge(execution(copy, r, ids, index++, o, c, def, firstOfPair), 1L, Long::sum);
                    }
                }
            }
            return copy.rows();
        }
    }

    /** Writes one execution; returns its status. Only a pair's first execution may be open. */
    private String execution(CopyLoader.Copy<CopyLoader.ScoredExecution> copy, SplittableRandom r, Ids ids, int index,
            int o, int c, WorkflowDefinition def, boolean firstOfPair) throws SQLException {
        int roll = r.nextInt(100);
        ExecutionStatus status;
        if (firstOfPair && roll < 70) {
            status = roll < 45 ? ExecutionStatus.NOT_STARTED : ExecutionStatus.UNDERWAY;
        } else if (firstOfPair && roll < 80) {
            status = ExecutionStatus.SNOOZED;
        } else {
            status = r.nextInt(3) < 2 ? ExecutionStatus.COMPLETED : ExecutionStatus.SKIPPED;
        }
        Instant snoozeUntil = status == ExecutionStatus.SNOOZED
                ? stampedAt.plusDays(r.nextInt(-10, 31)).plusHours(r.nextInt(24)).toInstant() : null;
        int score = 0;
        if (ExecutionStatus.ACTIVE.contains(status)) {
            score = evaluator.evaluate(new PriorityInput(status, snoozeUntil, def.type(), def.priorityWeight(),
                    signal(tier[c]), signal(churn[c]), signal(usage[c])), today).value();
        }
        JsonObject data = status == ExecutionStatus.UNDERWAY ? new JsonObject(Map.of("step", 1 + r.nextInt(5)))
                : JsonObject.EMPTY;
        ExecutionEntry execution = new ExecutionEntry(new ExecutionId(ids.next()), organization(o), def.id(),
                new CustomerId(customerIds[c]), new ProfileId(csmIds[customerCsm[c]]), status, snoozeUntil,
                status == ExecutionStatus.SKIPPED ? SKIP_REASON : null, data, def.demo(), null);
        copy.add(new CopyLoader.ScoredExecution(
                checked(execution, CatalogRules::check, CatalogSection.WORKFLOW_EXECUTIONS.path(index)), score));
        advance();
        return status.wireName();
    }

    private OrganizationId organization(int o) {
        return new OrganizationId(organizationIds[o]);
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

    private static BigDecimal whole(Integer v) {
        return v == null ? null : BigDecimal.valueOf(v);
    }

    private static void put(Map<SignalField, BigDecimal> values, SignalField field, BigDecimal value) {
        if (value != null) {
            values.put(field, value);
        }
    }

    private static Integer signal(byte b) {
        return b < 0 ? null : (int) b;
    }
}
