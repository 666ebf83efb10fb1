package dev.orchestrator.persistence.load;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Writes an import in ONE transaction: rows are upserted by id in batches (one statement per
 * batch, the batch passed as arrays and spread with {@code unnest}), sections in dependency order
 * (organizations, profiles, customers, workflow definitions, workflow executions). Nothing is
 * visible to others until {@link #commit()}; {@link #close()} without a commit rolls back.
 *
 * <p>Upsert rules: a row whose id exists is replaced (its creation time and, for executions, the
 * lifecycle timestamps already set are kept), but never moved to another organization: that is
 * rejected. Customer properties and contacts are replaced only when the row carries them.
 * Inserted executions get a creation event (action {@code create}, no actor); their priority
 * score is the row's (0 for imports, which recompute afterwards).
 *
 * <p>When the database refuses a batch, the batch is replayed row by row to name the row, and a
 * {@link LoadRejected} is thrown; the caller then closes the writer, which rolls everything back.
 */
public final class ImportWriter implements AutoCloseable {

    /** Sections in the order they must be written (each may refer to the ones before). */
    public enum Section {
        ORGANIZATIONS("organizations"),
        PROFILES("profiles"),
        CUSTOMERS("customers"),
        WORKFLOW_DEFINITIONS("workflow_definitions"),
        WORKFLOW_EXECUTIONS("workflow_executions");

        private final String jsonName;

        Section(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }
    }

    /** Rows written per section ({@code contacts} counts contact rows inserted). */
    public record Counts(long inserted, long updated) {
        Counts plus(long i, long u) {
            return new Counts(inserted + i, updated + u);
        }
    }

    public static final int DEFAULT_BATCH_SIZE = 1000;

    private final Connection connection;
    private final int batchSize;
    private final Map<String, Counts> counts = new LinkedHashMap<>();
    private final Set<UUID> organizations = new HashSet<>();
    private final List<Object> buffer = new ArrayList<>();
    private Section current;
    private boolean managersTable;
    private boolean committed;

    private ImportWriter(Connection connection, int batchSize) {
        this.connection = connection;
        this.batchSize = batchSize;
    }

    /** Opens a connection and starts the transaction. */
    public static ImportWriter begin(DataSource dataSource) throws SQLException {
        return begin(dataSource, DEFAULT_BATCH_SIZE);
    }

    public static ImportWriter begin(DataSource dataSource, int batchSize) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                // Tables grow from nothing inside this one transaction. A generic plan cached early
                // (notably the foreign-key checks' own queries, planned when the parent table had
                // a thousand rows) would keep scanning whole tables: 10 s per batch at 50,000
                // customers. Custom plans see the tables' current size.
                s.execute("SET LOCAL plan_cache_mode = force_custom_plan");
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new ImportWriter(connection, batchSize);
    }

    public void add(Rows.Organization row) throws SQLException {
        buffer(Section.ORGANIZATIONS, row);
    }

    public void add(Rows.Profile row) throws SQLException {
        buffer(Section.PROFILES, row);
    }

    public void add(Rows.Customer row) throws SQLException {
        buffer(Section.CUSTOMERS, row);
    }

    public void add(Rows.Definition row) throws SQLException {
        buffer(Section.WORKFLOW_DEFINITIONS, row);
    }

    public void add(Rows.Execution row) throws SQLException {
        buffer(Section.WORKFLOW_EXECUTIONS, row);
    }

    /** Writes what is buffered, commits, and returns the counts per table. */
    public Map<String, Counts> commit() throws SQLException {
        switchTo(null);
        connection.commit();
        committed = true;
        return Collections.unmodifiableMap(counts);
    }

    /** Organizations that rows of this import belong to (for a recompute after the commit). */
    public Set<UUID> organizations() {
        return Collections.unmodifiableSet(organizations);
    }

    @Override
    public void close() throws SQLException {
        try {
            if (!committed) {
                connection.rollback();
            }
        } finally {
            connection.close();
        }
    }

    private void buffer(Section section, Object row) throws SQLException {
        if (section != current) {
            if (current != null && section.ordinal() < current.ordinal()) {
                throw new IllegalStateException(section.jsonName() + " after " + current.jsonName()
                        + ": sections must be written in dependency order");
            }
            switchTo(section);
        }
        buffer.add(row);
        if (buffer.size() >= batchSize) {
            flush();
        }
    }

    private void switchTo(Section next) throws SQLException {
        flush();
        if (current == Section.PROFILES && managersTable) {
            applyManagers();
        }
        current = next;
    }

    @SuppressWarnings("unchecked")
    private void flush() throws SQLException {
        if (buffer.isEmpty()) {
            return;
        }
        List<Object> rows = List.copyOf(buffer);
        buffer.clear();
        switch (current) {
            case ORGANIZATIONS -> run(current, rows, r -> ((Rows.Organization) r).index(), this::writeOrganizations);
            case PROFILES -> run(current, rows, r -> ((Rows.Profile) r).index(), this::writeProfiles);
            case CUSTOMERS -> run(current, rows, r -> ((Rows.Customer) r).index(), this::writeCustomers);
            case WORKFLOW_DEFINITIONS -> run(current, rows, r -> ((Rows.Definition) r).index(), this::writeDefinitions);
            case WORKFLOW_EXECUTIONS -> run(current, rows, r -> ((Rows.Execution) r).index(), this::writeExecutions);
            default -> throw new IllegalStateException();
        }
    }

    @FunctionalInterface
    private interface BatchWrite {
        /** Writes the rows; {@code record} false when replaying single rows to find a culprit. */
        void write(List<Object> rows, boolean record) throws SQLException;
    }

    /**
     * Runs one batch inside a savepoint; if the database refuses it, replays the rows one by one
     * (each in its own savepoint) to name the row that it refuses.
     */
    private void run(Section section, List<Object> rows, Function<Object, Integer> index, BatchWrite write)
            throws SQLException {
        Savepoint batch = connection.setSavepoint();
        try {
            write.write(rows, true);
            connection.releaseSavepoint(batch);
            return;
        } catch (SQLException e) {
            connection.rollback(batch);
            for (Object row : rows) {
                Savepoint single = connection.setSavepoint();
                try {
                    write.write(List.of(row), false);
                    connection.rollback(single);
                } catch (SQLException rowFailure) {
                    connection.rollback(single);
                    throw new LoadRejected(section.jsonName() + "[" + index.apply(row) + "]",
                            "the database refused the row: " + describe(rowFailure), rowFailure);
                }
            }
            throw new LoadRejected(section.jsonName() + "[" + index.apply(rows.get(0)) + ".."
                    + index.apply(rows.get(rows.size() - 1)) + "]", "the database refused these rows together: "
                    + describe(e), e);
        }
    }

    /** PostgreSQL's message and detail, without the "ERROR:" prefix and internal positions. */
    static String describe(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            return m.getMessage() + (m.getDetail() == null ? "" : " (" + m.getDetail() + ")");
        }
        return e.getMessage();
    }

    // --- organizations ----------------------------------------------------------------------

    private static final String UPSERT_ORGANIZATIONS = """
            WITH up AS (
              INSERT INTO organizations AS t (id, name)
              SELECT u.id::uuid, u.name FROM unnest(?::text[], ?::text[]) AS u(id, name)
              ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name
              RETURNING t.id, (t.xmax = 0) AS inserted)
            SELECT id, inserted FROM up""";

    private void writeOrganizations(List<Object> rows, boolean record) throws SQLException {
        List<Rows.Organization> orgs = cast(rows);
        try (PreparedStatement ps = connection.prepareStatement(UPSERT_ORGANIZATIONS)) {
            ps.setArray(1, texts(orgs, Rows.Organization::id));
            ps.setArray(2, texts(orgs, Rows.Organization::name));
            upserted(ps, "organizations", orgs, Rows.Organization::id, Rows.Organization::index, record);
        }
        if (record) {
            orgs.forEach(o -> organizations.add(o.id()));
        }
    }

    // --- profiles ---------------------------------------------------------------------------

    private static final String UPSERT_PROFILES = """
            WITH up AS (
              INSERT INTO profiles AS t (id, organization_id, email, full_name, role)
              SELECT u.id::uuid, u.org::uuid, u.email, u.full_name, u.role
              FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS u(id, org, email, full_name, role)
              ON CONFLICT (id) DO UPDATE
                SET email = EXCLUDED.email, full_name = EXCLUDED.full_name, role = EXCLUDED.role
                WHERE t.organization_id = EXCLUDED.organization_id
              RETURNING t.id, (t.xmax = 0) AS inserted)
            SELECT id, inserted FROM up""";

    private void writeProfiles(List<Object> rows, boolean record) throws SQLException {
        List<Rows.Profile> profiles = cast(rows);
        try (PreparedStatement ps = connection.prepareStatement(UPSERT_PROFILES)) {
            ps.setArray(1, texts(profiles, Rows.Profile::id));
            ps.setArray(2, texts(profiles, Rows.Profile::organizationId));
            ps.setArray(3, texts(profiles, Rows.Profile::email));
            ps.setArray(4, texts(profiles, Rows.Profile::fullName));
            ps.setArray(5, texts(profiles, Rows.Profile::role));
            upserted(ps, "profiles", profiles, Rows.Profile::id, Rows.Profile::index, record);
        }
        if (!record) {
            return;
        }
        profiles.forEach(p -> organizations.add(p.organizationId()));
        // Managers are set once every profile of the import exists (a manager may come later in the file).
        if (!managersTable) {
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TEMP TABLE import_profile_managers (id uuid PRIMARY KEY, manager_id uuid) ON COMMIT DROP");
            }
            managersTable = true;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO import_profile_managers (id, manager_id) SELECT u.id::uuid, u.m::uuid FROM unnest(?::text[], ?::text[]) AS u(id, m)")) {
            ps.setArray(1, texts(profiles, Rows.Profile::id));
            ps.setArray(2, texts(profiles, Rows.Profile::managerId));
            ps.executeUpdate();
        }
    }

    private void applyManagers() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("""
                    UPDATE profiles p SET manager_id = m.manager_id
                    FROM import_profile_managers m
                    WHERE p.id = m.id AND p.manager_id IS DISTINCT FROM m.manager_id""");
            s.execute("DROP TABLE import_profile_managers");
        } catch (SQLException e) {
            throw new LoadRejected("profiles", "the database refused the managers: " + describe(e), e);
        }
        managersTable = false;
    }

    // --- customers, their properties and contacts -------------------------------------------

    private static final String UPSERT_CUSTOMERS = """
            WITH up AS (
              INSERT INTO customers AS t (id, organization_id, name, csm_id, arr, renewal_date)
              SELECT u.id::uuid, u.org::uuid, u.name, u.csm::uuid, u.arr::numeric, u.renewal::date
              FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS u(id, org, name, csm, arr, renewal)
              ON CONFLICT (id) DO UPDATE
                SET name = EXCLUDED.name, csm_id = EXCLUDED.csm_id, arr = EXCLUDED.arr,
                    renewal_date = EXCLUDED.renewal_date, updated_at = now()
                WHERE t.organization_id = EXCLUDED.organization_id
              RETURNING t.id, (t.xmax = 0) AS inserted)
            SELECT id, inserted FROM up""";

    private static final String UPSERT_PROPERTIES = """
            INSERT INTO customer_properties AS t (customer_id, organization_id, revenue_impact_tier, churn_risk_score,
                usage_score, health_score, utilization_percent, yoy_growth_percent, market_price_percentile,
                adoption_rate_percent, usage_change_percent_last_month)
            SELECT u.c::uuid, u.o::uuid, u.tier::smallint, u.churn::smallint, u.usage::smallint, u.health::smallint,
                u.util::numeric, u.yoy::numeric, u.market::numeric, u.adoption::numeric, u.change::numeric
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                ?::text[], ?::text[], ?::text[]) AS u(c, o, tier, churn, usage, health, util, yoy, market, adoption, change)
            ON CONFLICT (customer_id) DO UPDATE SET
                revenue_impact_tier = EXCLUDED.revenue_impact_tier, churn_risk_score = EXCLUDED.churn_risk_score,
                usage_score = EXCLUDED.usage_score, health_score = EXCLUDED.health_score,
                utilization_percent = EXCLUDED.utilization_percent, yoy_growth_percent = EXCLUDED.yoy_growth_percent,
                market_price_percentile = EXCLUDED.market_price_percentile,
                adoption_rate_percent = EXCLUDED.adoption_rate_percent,
                usage_change_percent_last_month = EXCLUDED.usage_change_percent_last_month, updated_at = now()""";

    private static final String DELETE_CONTACTS = """
            DELETE FROM contacts c USING unnest(?::text[], ?::text[]) AS u(o, cid)
            WHERE c.organization_id = u.o::uuid AND c.customer_id = u.cid::uuid""";

    private static final String INSERT_CONTACTS = """
            INSERT INTO contacts (id, organization_id, customer_id, name, email, title, relationship_strength, is_decision_maker)
            SELECT COALESCE(u.id::uuid, gen_random_uuid()), u.o::uuid, u.c::uuid, u.name, u.email, u.title, u.strength,
                u.dm::boolean
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                AS u(id, o, c, name, email, title, strength, dm)""";

    private record ContactOf(Rows.Customer customer, Rows.Contact contact) {
    }

    private void writeCustomers(List<Object> rows, boolean record) throws SQLException {
        List<Rows.Customer> customers = cast(rows);
        try (PreparedStatement ps = connection.prepareStatement(UPSERT_CUSTOMERS)) {
            ps.setArray(1, texts(customers, Rows.Customer::id));
            ps.setArray(2, texts(customers, Rows.Customer::organizationId));
            ps.setArray(3, texts(customers, Rows.Customer::name));
            ps.setArray(4, texts(customers, Rows.Customer::csmId));
            ps.setArray(5, texts(customers, Rows.Customer::arr));
            ps.setArray(6, texts(customers, Rows.Customer::renewalDate));
            upserted(ps, "customers", customers, Rows.Customer::id, Rows.Customer::index, record);
        }
        List<Rows.Customer> withSignals = customers.stream().filter(c -> c.properties() != null).toList();
        if (!withSignals.isEmpty()) {
            try (PreparedStatement ps = connection.prepareStatement(UPSERT_PROPERTIES)) {
                ps.setArray(1, texts(withSignals, Rows.Customer::id));
                ps.setArray(2, texts(withSignals, Rows.Customer::organizationId));
                ps.setArray(3, texts(withSignals, c -> c.properties().revenueImpactTier()));
                ps.setArray(4, texts(withSignals, c -> c.properties().churnRiskScore()));
                ps.setArray(5, texts(withSignals, c -> c.properties().usageScore()));
                ps.setArray(6, texts(withSignals, c -> c.properties().healthScore()));
                ps.setArray(7, texts(withSignals, c -> c.properties().utilizationPercent()));
                ps.setArray(8, texts(withSignals, c -> c.properties().yoyGrowthPercent()));
                ps.setArray(9, texts(withSignals, c -> c.properties().marketPricePercentile()));
                ps.setArray(10, texts(withSignals, c -> c.properties().adoptionRatePercent()));
                ps.setArray(11, texts(withSignals, c -> c.properties().usageChangePercentLastMonth()));
                ps.executeUpdate();
            }
        }
        List<Rows.Customer> withContacts = customers.stream().filter(c -> c.contacts() != null).toList();
        if (!withContacts.isEmpty()) {
            try (PreparedStatement ps = connection.prepareStatement(DELETE_CONTACTS)) {
                ps.setArray(1, texts(withContacts, Rows.Customer::organizationId));
                ps.setArray(2, texts(withContacts, Rows.Customer::id));
                ps.executeUpdate();
            }
            List<ContactOf> contacts = new ArrayList<>();
            withContacts.forEach(c -> c.contacts().forEach(k -> contacts.add(new ContactOf(c, k))));
            if (!contacts.isEmpty()) {
                try (PreparedStatement ps = connection.prepareStatement(INSERT_CONTACTS)) {
                    ps.setArray(1, texts(contacts, k -> k.contact().id()));
                    ps.setArray(2, texts(contacts, k -> k.customer().organizationId()));
                    ps.setArray(3, texts(contacts, k -> k.customer().id()));
                    ps.setArray(4, texts(contacts, k -> k.contact().name()));
                    ps.setArray(5, texts(contacts, k -> k.contact().email()));
                    ps.setArray(6, texts(contacts, k -> k.contact().title()));
                    ps.setArray(7, texts(contacts, k -> k.contact().relationshipStrength()));
                    ps.setArray(8, texts(contacts, k -> k.contact().decisionMaker()));
                    int inserted = ps.executeUpdate();
                    if (record) {
                        counts.merge("contacts", new Counts(inserted, 0), (a, b) -> a.plus(b.inserted(), 0));
                    }
                }
            }
        }
        if (record) {
            customers.forEach(c -> organizations.add(c.organizationId()));
        }
    }

    // --- workflow definitions ---------------------------------------------------------------

    private static final String UPSERT_DEFINITIONS = """
            WITH up AS (
              INSERT INTO workflow_definitions AS t (id, organization_id, name, workflow_type, description,
                  trigger_conditions, priority_weight, is_active, is_demo)
              SELECT u.id::uuid, u.org::uuid, u.name, u.type, u.description, u.triggers::jsonb, u.weight::integer,
                  u.active::boolean, u.demo::boolean
              FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                  AS u(id, org, name, type, description, triggers, weight, active, demo)
              ON CONFLICT (id) DO UPDATE
                SET name = EXCLUDED.name, workflow_type = EXCLUDED.workflow_type, description = EXCLUDED.description,
                    trigger_conditions = EXCLUDED.trigger_conditions, priority_weight = EXCLUDED.priority_weight,
                    is_active = EXCLUDED.is_active, is_demo = EXCLUDED.is_demo, updated_at = now()
                WHERE t.organization_id = EXCLUDED.organization_id
              RETURNING t.id, (t.xmax = 0) AS inserted)
            SELECT id, inserted FROM up""";

    private void writeDefinitions(List<Object> rows, boolean record) throws SQLException {
        List<Rows.Definition> definitions = cast(rows);
        try (PreparedStatement ps = connection.prepareStatement(UPSERT_DEFINITIONS)) {
            ps.setArray(1, texts(definitions, Rows.Definition::id));
            ps.setArray(2, texts(definitions, Rows.Definition::organizationId));
            ps.setArray(3, texts(definitions, Rows.Definition::name));
            ps.setArray(4, texts(definitions, Rows.Definition::workflowType));
            ps.setArray(5, texts(definitions, Rows.Definition::description));
            ps.setArray(6, texts(definitions, Rows.Definition::triggerConditionsJson));
            ps.setArray(7, texts(definitions, Rows.Definition::priorityWeight));
            ps.setArray(8, texts(definitions, Rows.Definition::active));
            ps.setArray(9, texts(definitions, Rows.Definition::demo));
            upserted(ps, "workflow_definitions", definitions, Rows.Definition::id, Rows.Definition::index, record);
        }
        if (record) {
            definitions.forEach(d -> organizations.add(d.organizationId()));
        }
    }

    // --- workflow executions ----------------------------------------------------------------

    private static final String UPSERT_EXECUTIONS = """
            WITH up AS (
              INSERT INTO workflow_executions AS t (id, organization_id, workflow_definition_id, customer_id,
                  assigned_csm_id, status, snooze_until, snoozed_at, started_at, completed_at, skipped_at, skip_reason,
                  execution_data, is_demo, priority_score)
              SELECT u.id::uuid, u.org::uuid, u.def::uuid, u.cust::uuid, u.csm::uuid, u.status, u.snooze::timestamptz,
                  CASE WHEN u.status = 'snoozed' THEN now() END,
                  CASE WHEN u.status IN ('underway', 'completed') THEN now() END,
                  CASE WHEN u.status = 'completed' THEN now() END,
                  CASE WHEN u.status = 'skipped' THEN now() END,
                  u.reason, u.data::jsonb, u.demo::boolean, u.score::integer
              FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                  ?::text[], ?::text[], ?::text[]) AS u(id, org, def, cust, csm, status, snooze, reason, data, demo, score)
              ON CONFLICT (id) DO UPDATE
                SET workflow_definition_id = EXCLUDED.workflow_definition_id, customer_id = EXCLUDED.customer_id,
                    assigned_csm_id = EXCLUDED.assigned_csm_id, status = EXCLUDED.status,
                    snooze_until = EXCLUDED.snooze_until, snoozed_at = COALESCE(t.snoozed_at, EXCLUDED.snoozed_at),
                    started_at = COALESCE(t.started_at, EXCLUDED.started_at),
                    completed_at = COALESCE(t.completed_at, EXCLUDED.completed_at),
                    skipped_at = COALESCE(t.skipped_at, EXCLUDED.skipped_at), skip_reason = EXCLUDED.skip_reason,
                    execution_data = EXCLUDED.execution_data, is_demo = EXCLUDED.is_demo,
                    version = t.version + 1, updated_at = now()
                WHERE t.organization_id = EXCLUDED.organization_id
              RETURNING t.id, t.organization_id, t.status, (t.xmax = 0) AS inserted),
            created AS (
              INSERT INTO workflow_execution_events (organization_id, execution_id, action, to_status)
              SELECT organization_id, id, 'create', status FROM up WHERE inserted)
            SELECT id, inserted FROM up""";

    private void writeExecutions(List<Object> rows, boolean record) throws SQLException {
        List<Rows.Execution> executions = cast(rows);
        try (PreparedStatement ps = connection.prepareStatement(UPSERT_EXECUTIONS)) {
            ps.setArray(1, texts(executions, Rows.Execution::id));
            ps.setArray(2, texts(executions, Rows.Execution::organizationId));
            ps.setArray(3, texts(executions, Rows.Execution::definitionId));
            ps.setArray(4, texts(executions, Rows.Execution::customerId));
            ps.setArray(5, texts(executions, Rows.Execution::assignedCsmId));
            ps.setArray(6, texts(executions, Rows.Execution::status));
            ps.setArray(7, texts(executions, Rows.Execution::snoozeUntil));
            ps.setArray(8, texts(executions, Rows.Execution::skipReason));
            ps.setArray(9, texts(executions, Rows.Execution::executionDataJson));
            ps.setArray(10, texts(executions, Rows.Execution::demo));
            ps.setArray(11, texts(executions, Rows.Execution::priorityScore));
            upserted(ps, "workflow_executions", executions, Rows.Execution::id, Rows.Execution::index, record);
        }
        if (record) {
            executions.forEach(e -> organizations.add(e.organizationId()));
        }
    }

    // --- helpers ----------------------------------------------------------------------------

    /**
     * Runs an upsert that returns (id, inserted) per written row. A row that is missing from the
     * result exists in another organization (the upsert's WHERE kept it): that is refused.
     */
    private <R> void upserted(PreparedStatement ps, String table, List<R> rows, Function<R, UUID> id,
            Function<R, Integer> index, boolean record) throws SQLException {
        Set<UUID> written = new HashSet<>();
        long inserted = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                written.add(rs.getObject(1, UUID.class));
                if (rs.getBoolean(2)) {
                    inserted++;
                }
            }
        }
        if (written.size() != rows.size()) {
            for (R row : rows) {
                if (!written.contains(id.apply(row))) {
                    throw new LoadRejected(table + "[" + index.apply(row) + "].id",
                            id.apply(row) + " already exists in another organization; an import cannot move it", null);
                }
            }
        }
        if (record) {
            long ins = inserted;
            counts.merge(table, new Counts(ins, rows.size() - ins), (a, b) -> a.plus(b.inserted(), b.updated()));
        }
    }

    private <R> Array texts(List<R> rows, Function<R, Object> value) throws SQLException {
        String[] texts = new String[rows.size()];
        for (int i = 0; i < texts.length; i++) {
            Object v = value.apply(rows.get(i));
            texts[i] = v == null ? null
                    : v instanceof java.math.BigDecimal d ? d.toPlainString()
                    : v.toString();
        }
        return connection.createArrayOf("text", texts);
    }

    @SuppressWarnings("unchecked")
    private static <R> List<R> cast(List<Object> rows) {
        return (List<R>) (List<?>) rows;
    }
}
