package dev.orchestrator.persistence.load;

import dev.orchestrator.core.domain.WireNamed;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.catalog.ContactEntry;
import dev.orchestrator.core.domain.catalog.CustomerEntry;
import dev.orchestrator.core.domain.catalog.ExecutionEntry;
import dev.orchestrator.core.domain.catalog.OrganizationEntry;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.signals.SignalField;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.persistence.JsonbCodec;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams generated catalog entries (the core's own types, already checked by the caller with
 * {@code CatalogRules}) into PostgreSQL with {@code COPY ... FROM STDIN} (binary format, {@link BinaryRows}), one table
 * at a time, all in ONE transaction: nothing is visible until {@link #commit}, and closing without
 * it rolls everything back. Rows are not held in memory: each goes into a small buffer that is
 * sent as it fills. Closed sets are written by their wire names, JSON as {@link JsonbCodec} writes
 * it, signals by {@link SignalField} (their column names).
 *
 * <p>This is deliberately not the {@code CatalogLoader} port, which upserts imported data into a
 * populated database (by id, refusing rows of another organization, replacing properties and
 * contacts, writing events). This loader only inserts, into an empty slice of the tables (new
 * organizations with all their rows), and writes no events: that is what lets it use COPY, which is
 * what makes a million generated executions load in about 15 s. A row that exists already fails
 * the whole load.
 *
 * <pre>{@code
 * try (CopyLoader loader = CopyLoader.begin(dataSource)) {
 *     try (CopyLoader.Copy<OrganizationEntry> orgs = loader.organizations()) { orgs.add(entry); ... }
 *     ...
 *     loader.commit(organizationIds);
 * }
 * }</pre>
 */
public final class CopyLoader implements AutoCloseable {

    private final Connection connection;
    private final boolean referencesDeferred;
    /** Definitions of the indexes dropped for the load, to build again before the commit. */
    private final List<String> indexesToBuild = new java.util.ArrayList<>();
    private boolean committed;
    private Copy<?> open;

    private CopyLoader(Connection connection, boolean referencesDeferred) {
        this.connection = connection;
        this.referencesDeferred = referencesDeferred;
    }

    /** A loader whose rows are checked by the foreign keys one by one, as usual. */
    public static CopyLoader begin(DataSource dataSource) throws SQLException {
        return begin(dataSource, false);
    }

    /**
     * With {@code bulkReferenceCheck}, and when the user may (a superuser), the foreign-key
     * triggers are switched off for this transaction ({@code session_replication_role = replica})
     * and {@link #commit(Collection)} checks every reference of the loaded organizations with
     * set-based queries instead: the same guarantee, several times faster for millions of rows.
     * Otherwise the foreign keys check each row as usual.
     *
     * <p>In that mode a table that is empty when its copy starts also loses its indexes for the load
     * (those that back no constraint and that PostgreSQL's own text of, {@code pg_get_indexdef}, builds
     * again unchanged), and gets them back, built from the rows in one pass each, before the commit:
     * exactly what the migrations made. Maintaining some twenty indexes row by row is what made millions of generated executions
     * slow (each row a random page of each index once they outgrow the buffer cache); building them
     * after is about twice as fast at 1M and grows with the rows, not faster (docs/performance.md). A
     * unique index that the rows violate fails its build and the whole load, as a row would have.
     */
    public static CopyLoader begin(DataSource dataSource, boolean bulkReferenceCheck) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            boolean deferred = false;
            if (bulkReferenceCheck) {
                try (Statement s = connection.createStatement();
                     ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
                    deferred = rs.next() && rs.getBoolean(1);
                }
                if (deferred) {
                    try (Statement s = connection.createStatement()) {
                        s.execute("SET LOCAL session_replication_role = replica");
                    }
                }
            }
            return new CopyLoader(connection, deferred);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** Whether foreign keys are checked in bulk at commit rather than row by row. */
    public boolean referencesCheckedInBulk() {
        return referencesDeferred;
    }

    /** Each foreign key of the schema as an anti-join: rows of the organizations whose parent is missing. */
    private static final List<String[]> REFERENCES = List.of(
            new String[] {"profiles.organization_id", "SELECT count(*) FROM profiles x WHERE x.organization_id = ANY(?) "
                    + "AND NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = x.organization_id)"},
            new String[] {"profiles.manager_id", "SELECT count(*) FROM profiles x WHERE x.organization_id = ANY(?) "
                    + "AND x.manager_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM profiles p "
                    + "WHERE p.organization_id = x.organization_id AND p.id = x.manager_id)"},
            new String[] {"customers.organization_id", "SELECT count(*) FROM customers x WHERE x.organization_id = ANY(?) "
                    + "AND NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = x.organization_id)"},
            new String[] {"customers.csm_id", "SELECT count(*) FROM customers x WHERE x.organization_id = ANY(?) "
                    + "AND x.csm_id IS NOT NULL "
                    + "AND NOT EXISTS (SELECT 1 FROM profiles p WHERE p.organization_id = x.organization_id AND p.id = x.csm_id)"},
            new String[] {"customer_properties.customer_id", "SELECT count(*) FROM customer_properties x "
                    + "WHERE x.organization_id = ANY(?) AND NOT EXISTS (SELECT 1 FROM customers c "
                    + "WHERE c.organization_id = x.organization_id AND c.id = x.customer_id)"},
            new String[] {"contacts.customer_id", "SELECT count(*) FROM contacts x WHERE x.organization_id = ANY(?) "
                    + "AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.organization_id = x.organization_id "
                    + "AND c.id = x.customer_id)"},
            new String[] {"workflow_definitions.organization_id", "SELECT count(*) FROM workflow_definitions x "
                    + "WHERE x.organization_id = ANY(?) AND NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = x.organization_id)"},
            // One pass with hash joins (the parents are few and small next to the executions), not an OR of
            // NOT EXISTS probes: that form cannot become anti joins and probed 5M rows one by one (10.8 s at 5M).
            new String[] {"workflow_executions references", "SELECT count(*) FROM workflow_executions x "
                    + "LEFT JOIN workflow_definitions d ON d.organization_id = x.organization_id AND d.id = x.workflow_definition_id "
                    + "LEFT JOIN customers c ON c.organization_id = x.organization_id AND c.id = x.customer_id "
                    + "LEFT JOIN profiles p ON p.organization_id = x.organization_id AND p.id = x.assigned_csm_id "
                    + "LEFT JOIN profiles e ON e.organization_id = x.organization_id AND e.id = x.escalation_user_id "
                    + "WHERE x.organization_id = ANY(?) AND (d.id IS NULL OR c.id IS NULL OR p.id IS NULL "
                    + "OR (x.escalation_user_id IS NOT NULL AND e.id IS NULL))"});

    /** The transaction's connection, for the caller's own checks before the copy starts. */
    public Connection connection() {
        return connection;
    }

    /**
     * The contacts of one customer with the ids they get ({@link ContactEntry} has none: an import
     * lets the store generate them; generated data brings its own, so that it is deterministic).
     */
    public record Contacts(CustomerEntry customer, List<UUID> ids) {
        public Contacts {
            Objects.requireNonNull(customer, "customer");
            ids = List.copyOf(ids);
            int contacts = customer.contacts() == null ? 0 : customer.contacts().size();
            if (ids.size() != contacts) {
                throw new IllegalArgumentException(ids.size() + " ids for " + contacts + " contacts");
            }
        }
    }

    /** An execution with its priority score, computed by the caller. */
    public record ScoredExecution(ExecutionEntry execution, int priorityScore) {
        public ScoredExecution {
            Objects.requireNonNull(execution, "execution");
        }
    }

    public Copy<OrganizationEntry> organizations() throws SQLException {
        return start("organizations (id, name)", (r, w) -> w.field(r.id().value()).field(r.name()));
    }

    public Copy<Profile> profiles() throws SQLException {
        return start("profiles (id, organization_id, email, full_name, role, manager_id, capacity)",
                (r, w) -> w.field(r.id().value()).field(r.organizationId().value()).field(r.email())
                        .field(r.fullName()).field(r.role())
                        .field(r.managerId() == null ? null : r.managerId().value())
                        .field(r.capacity().isPresent() ? (Object) r.capacity().getAsInt() : null));
    }

    /** Customers only: their properties and contacts go through {@link #properties()} and {@link #contacts()}. */
    public Copy<CustomerEntry> customers() throws SQLException {
        return start("customers (id, organization_id, name, csm_id, arr, renewal_date, annual_review_date)",
                (r, w) -> w.field(r.id().value()).field(r.organizationId().value()).field(r.name())
                        .field(r.csmId() == null ? null : r.csmId().value()).field(r.arr()).field(r.renewalDate()).field(r.annualReviewDate()));
    }

    /** A customer_properties row per customer that has properties (none for {@code properties} null). */
    public Copy<CustomerEntry> properties() throws SQLException {
        String signals = Arrays.stream(SignalField.values()).map(SignalField::columnName)
                .collect(Collectors.joining(", "));
        return startRows("customer_properties (customer_id, organization_id, " + signals + ")", (r, w) -> {
            if (r.properties() == null) {
                return;
            }
            w.field(r.id().value()).field(r.organizationId().value());
            for (SignalField signal : SignalField.values()) {
                w.field(r.properties().valueOf(signal));
            }
            w.endRow();
        });
    }

    public Copy<Contacts> contacts() throws SQLException {
        return startRows("contacts (id, organization_id, customer_id, name, email, title, relationship_strength, "
                + "is_decision_maker)", (r, w) -> {
                    CustomerEntry c = r.customer();
                    for (int i = 0; i < r.ids().size(); i++) {
                        ContactEntry k = c.contacts().get(i);
                        w.field(r.ids().get(i)).field(c.organizationId().value()).field(c.id().value())
                                .field(k.name()).field(k.email()).field(k.title()).field(k.strength())
                                .field(k.decisionMaker()).endRow();
                    }
                });
    }

    public Copy<WorkflowDefinition> definitions() throws SQLException {
        return start("workflow_definitions (id, organization_id, name, workflow_type, description, "
                + "trigger_conditions, priority_weight, is_active, is_demo)",
                (r, w) -> w.field(r.id().value()).field(r.organizationId().value()).field(r.name()).field(r.type())
                        .field(r.description()).field(r.triggerConditions().json()).field(r.priorityWeight())
                        .field(r.active()).field(r.demo()));
    }

    /**
     * Executions; lifecycle timestamps (started, completed, skipped, snoozed) are set to
     * {@code stampedAt} where the status implies them.
     */
    public Copy<ScoredExecution> executions(Instant stampedAt) throws SQLException {
        return start("workflow_executions (id, organization_id, workflow_definition_id, customer_id, assigned_csm_id, "
                + "status, snooze_until, snoozed_at, started_at, completed_at, skipped_at, skip_reason, execution_data, "
                + "is_demo, priority_score, due_at)", (scored, w) -> {
                    ExecutionEntry r = scored.execution();
                    ExecutionStatus s = r.status();
                    w.field(r.id().value()).field(r.organizationId().value()).field(r.definitionId().value())
                            .field(r.customerId().value()).field(r.assignedCsmId().value()).field(s)
                            .field(r.snoozeUntil())
                            .field(s == ExecutionStatus.SNOOZED ? stampedAt : null)
                            .field(s == ExecutionStatus.UNDERWAY || s == ExecutionStatus.COMPLETED ? stampedAt : null)
                            .field(s == ExecutionStatus.COMPLETED ? stampedAt : null)
                            .field(s == ExecutionStatus.SKIPPED ? stampedAt : null)
                            .field(r.skipReason()).field(r.executionData()).field(r.demo())
                            .field(scored.priorityScore()).field(r.dueAt());
                });
    }

    /**
     * Commits, then refreshes the planner statistics of the tables (outside the transaction).
     * {@code organizations}: those the load wrote, whose references are checked first when the
     * row-by-row checks were off (a violation rolls everything back with a {@link LoadRejected}).
     */
    public void commit(Collection<UUID> organizations) throws SQLException {
        if (open != null) {
            throw new IllegalStateException("close the open copy first");
        }
        buildIndexes();
        if (referencesDeferred) {
            try (Statement s = connection.createStatement()) {
                // The customers' hash for the executions' check stays in memory (833k customers: ~60 MB).
                s.execute("SET LOCAL work_mem = '256MB'");
            }
            Array ids = connection.createArrayOf("uuid", organizations.toArray());
            for (String[] reference : REFERENCES) {
                try (PreparedStatement ps = connection.prepareStatement(reference[1])) {
                    ps.setArray(1, ids);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        long broken = rs.getLong(1);
                        if (broken > 0) {
                            throw new LoadRejected(reference[0], broken + " row(s) refer to a missing row", null);
                        }
                    }
                }
            }
            try (Statement s = connection.createStatement()) {
                s.execute("SET LOCAL session_replication_role = origin");
            }
        }
        // The copied executions' stored blocked markers (V41), in the load's transaction: COPY writes the
        // column's default (not blocked), which is the rule's answer in an organization without dependencies;
        // only those with some are refreshed (each refresh reads all of its organization's executions).
        dev.orchestrator.persistence.PostgresStore.refreshBlockedMarkers(connection, withDependencies(organizations));
        connection.commit();
        committed = true;
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
            s.execute("ANALYZE organizations, profiles, customers, customer_properties, contacts, "
                    + "workflow_definitions, workflow_executions");
        }
    }

    private List<UUID> withDependencies(Collection<UUID> organizations) throws SQLException {
        List<UUID> with = new java.util.ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT DISTINCT organization_id"
                + " FROM workflow_definition_dependencies WHERE organization_id = ANY(?) ORDER BY 1")) {
            ps.setArray(1, connection.createArrayOf("uuid", organizations.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    with.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return with;
    }

    @Override
    public void close() throws SQLException {
        try {
            if (open != null) {
                open.cancel();
            }
            if (!committed) {
                connection.rollback();
            }
        } finally {
            connection.close();
        }
    }

    /** A copy that writes one row per entry. */
    private <R> Copy<R> start(String target, BiConsumer<R, BinaryRows> encoder) throws SQLException {
        return startRows(target, encoder.andThen((r, w) -> w.endRow()));
    }

    /** A copy whose encoder ends its rows itself: as many as the entry has (none, one or several). */
    private <R> Copy<R> startRows(String target, BiConsumer<R, BinaryRows> encoder) throws SQLException {
        if (open != null) {
            throw new IllegalStateException("one copy at a time: close the previous one first");
        }
        String table = target.substring(0, target.indexOf(' '));
        if (referencesDeferred) {
            dropIndexesIfEmpty(table);
        }
        List<String> columns = Arrays.stream(target.substring(target.indexOf('(') + 1, target.lastIndexOf(')'))
                .split(",")).map(String::trim).toList();
        BinaryRows rows = new BinaryRows(columns, columnTypes(table, columns), FLUSH_CAPACITY);
        PGConnection pg = connection.unwrap(PGConnection.class);
        CopyIn in = pg.getCopyAPI().copyIn("COPY " + target + " FROM STDIN (FORMAT binary)");
        Copy<R> copy = new Copy<>(in, encoder, rows);
        open = copy;
        return copy;
    }

    /** The (base) types of {@code table}'s {@code columns}, in their order, from the catalog. */
    private List<BinaryRows.ColumnType> columnTypes(String table, List<String> columns) throws SQLException {
        java.util.Map<String, String> types = new java.util.HashMap<>();
        for (String[] row : catalogPairs("SELECT a.attname, coalesce(b.typname, t.typname)"
                + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type b ON b.oid = t.typbasetype"
                + " WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped", table)) {
            types.put(row[0], row[1]);
        }
        List<BinaryRows.ColumnType> out = new java.util.ArrayList<>(columns.size());
        for (String column : columns) {
            String type = types.get(column);
            if (type == null) {
                throw new IllegalArgumentException(table + " has no column " + column);
            }
            out.add(BinaryRows.ColumnType.of(table + "." + column, type));
        }
        return out;
    }

    /** The rows of a catalog query about {@code table} (its one parameter), each as its two text columns. */
    private List<String[]> catalogPairs(String query, String table) throws SQLException {
        List<String[]> rows = new java.util.ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(query)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return rows;
    }

    /** Drops the indexes of {@code table} that back no constraint when it has no row (see {@link #begin}). */
    private void dropIndexesIfEmpty(String table) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet empty = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + table + ")")) {
            empty.next();
            if (!empty.getBoolean(1)) {
                return;
            }
        }
        List<String[]> indexes = catalogPairs("SELECT x.relname, pg_get_indexdef(i.indexrelid)"
                + " FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid WHERE i.indrelid = ?::regclass"
                + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1", table);
        try (Statement s = connection.createStatement()) {
            for (String[] index : indexes) {
                for (String candidate : List.of(index[1], inListsAsWritten(index[1]))) {
                    if (rebuildsAsItWas(s, index[0], index[1], candidate)) {
                        s.execute("DROP INDEX \"" + index[0] + "\"");
                        indexesToBuild.add(candidate);
                        break;
                    }
                }
            }
        }
    }

    /** PostgreSQL's text of {@code column IN ('a', 'b')} over a VARCHAR column (see {@link #inListsAsWritten}). */
    private static final java.util.regex.Pattern VARCHAR_IN_LIST = java.util.regex.Pattern.compile(
            "\\(\\(([a-z_][a-z0-9_]*)\\)::text = ANY \\(\\(ARRAY\\[((?:'[a-z_]*'::character varying(?:, )?)+)\\]\\)::text\\[\\]\\)\\)");

    /**
     * {@code definition} with each VARCHAR {@code IN} list written back as the migrations write it
     * ({@code (status IN ('not_started', 'underway'))}). PostgreSQL prints such a list as an array of
     * casts, and that text parses into another expression (each element cast), so the printed
     * definition does not build the same index; the list as written does. Only a candidate:
     * {@link #rebuildsAsItWas} decides. Without this the partial indexes over open work (the queue's,
     * the team view's, one active per customer and definition) were kept through a load into empty
     * tables and maintained row by row, at random pages: most of the copy's time at 5M executions.
     */
    static String inListsAsWritten(String definition) {
        java.util.regex.Matcher m = VARCHAR_IN_LIST.matcher(definition);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(
                    "(" + m.group(1) + " IN (" + m.group(2).replace("::character varying", "") + "))"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Whether {@code candidate} makes the same index as {@code definition} (PostgreSQL's text of index
     * {@code name}): tried on the empty table under another name, which costs nothing, and compared by
     * its printed definition and by its stored expression trees (predicate and expressions) as
     * PostgreSQL compares expressions. An index whose predicate changed might no longer match the queries that
     * use it; an index no candidate rebuilds exactly is kept.
     */
    private static boolean rebuildsAsItWas(Statement s, String name, String definition, String candidate)
            throws SQLException {
        String trial = "copy_loader_trial_index";
        String marker = " INDEX " + name + " ON ";
        if (!candidate.contains(marker)) {
            return false;
        }
        String original = fingerprint(s, name);
        s.execute(candidate.replace(marker, " INDEX " + trial + " ON "));
        String again = fingerprint(s, trial);
        s.execute("DROP INDEX " + trial);
        return again.replace(" INDEX " + trial + " ON ", marker).equals(original) && original.startsWith(definition);
    }

    /**
     * The fields of a stored expression tree that PostgreSQL's own comparison of expressions ({@code equal()},
     * which the planner uses to match a query to a partial index) ignores: source positions and how a
     * cast was written (implicit or explicit).
     */
    private static final String IGNORED_BY_EQUAL = "' :(location|relabelformat|coerceformat|funcformat|convertformat) -?[0-9]+'";

    /** An index's printed definition and its stored expression trees, as {@link #IGNORED_BY_EQUAL} compares them. */
    private static String fingerprint(Statement s, String index) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT pg_get_indexdef(i.indexrelid) || chr(10) || "
                + "coalesce(regexp_replace(i.indpred::text, " + IGNORED_BY_EQUAL + ", '', 'g'), '') || chr(10) || "
                + "coalesce(regexp_replace(i.indexprs::text, " + IGNORED_BY_EQUAL + ", '', 'g'), '') "
                + "FROM pg_index i WHERE i.indexrelid = '\"" + index + "\"'::regclass")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Builds the indexes {@link #dropIndexesIfEmpty} dropped, in the load's transaction. */
    private void buildIndexes() throws SQLException {
        if (indexesToBuild.isEmpty()) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            // A sort per index: with the default 64 MB a million rows' sort spills to disk.
            s.execute("SET LOCAL maintenance_work_mem = '256MB'");
            for (String definition : indexesToBuild) {
                s.execute(definition);
            }
        }
        indexesToBuild.clear();
    }

    private static final int FLUSH_AT = 1 << 18;
    private static final int FLUSH_CAPACITY = FLUSH_AT + 4096;

    /** An open COPY into one table; {@link #close()} ends it (the rows are then in the transaction). */
    public final class Copy<R> implements AutoCloseable {
        private final CopyIn in;
        private final BiConsumer<R, BinaryRows> encoder;
        private final BinaryRows rows;
        private boolean done;

        private Copy(CopyIn in, BiConsumer<R, BinaryRows> encoder, BinaryRows rows) {
            this.in = in;
            this.encoder = encoder;
            this.rows = rows;
        }

        /** Writes the entry's row(s). */
        public void add(R entry) throws SQLException {
            encoder.accept(entry, rows);
            if (rows.size() >= FLUSH_AT) {
                send();
            }
        }

        /** Rows written so far (not entries: a customer has as many contacts rows as contacts). */
        public long rows() {
            return rows.rows();
        }

        private void send() throws SQLException {
            in.writeToCopy(rows.buffer(), 0, rows.size());
            rows.clear();
        }

        void cancel() throws SQLException {
            if (!done && in.isActive()) {
                in.cancelCopy();
            }
            done = true;
            open = null;
        }

        @Override
        public void close() throws SQLException {
            if (done) {
                return;
            }
            try {
                rows.trailer();
                send();
                in.endCopy();
            } catch (SQLException e) {
                cancel();
                throw e;
            }
            done = true;
            open = null;
        }
    }
}
