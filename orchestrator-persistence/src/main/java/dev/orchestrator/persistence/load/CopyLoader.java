package dev.orchestrator.persistence.load;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams generated rows into PostgreSQL with {@code COPY ... FROM STDIN} (text format), one table
 * at a time, all in ONE transaction: nothing is visible until {@link #commit()}, and closing without
 * it rolls everything back. Rows are not held in memory: each goes into a small buffer that is
 * sent as it fills. No upsert: the rows must be new (bulk seeding of fresh data).
 *
 * <pre>{@code
 * try (CopyLoader loader = CopyLoader.begin(dataSource)) {
 *     try (CopyLoader.Copy<Rows.Organization> orgs = loader.organizations()) { orgs.add(row); ... }
 *     ...
 *     loader.commit(organizationIds);
 * }
 * }</pre>
 */
public final class CopyLoader implements AutoCloseable {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSXXX");

    private final Connection connection;
    private final boolean referencesDeferred;
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
                    + "AND NOT EXISTS (SELECT 1 FROM profiles p WHERE p.organization_id = x.organization_id AND p.id = x.csm_id)"},
            new String[] {"customer_properties.customer_id", "SELECT count(*) FROM customer_properties x "
                    + "WHERE x.organization_id = ANY(?) AND NOT EXISTS (SELECT 1 FROM customers c "
                    + "WHERE c.organization_id = x.organization_id AND c.id = x.customer_id)"},
            new String[] {"contacts.customer_id", "SELECT count(*) FROM contacts x WHERE x.organization_id = ANY(?) "
                    + "AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.organization_id = x.organization_id "
                    + "AND c.id = x.customer_id)"},
            new String[] {"workflow_definitions.organization_id", "SELECT count(*) FROM workflow_definitions x "
                    + "WHERE x.organization_id = ANY(?) AND NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = x.organization_id)"},
            new String[] {"workflow_executions references", "SELECT count(*) FROM workflow_executions x "
                    + "WHERE x.organization_id = ANY(?) AND ("
                    + "NOT EXISTS (SELECT 1 FROM workflow_definitions d WHERE d.organization_id = x.organization_id "
                    + "AND d.id = x.workflow_definition_id) "
                    + "OR NOT EXISTS (SELECT 1 FROM customers c WHERE c.organization_id = x.organization_id AND c.id = x.customer_id) "
                    + "OR NOT EXISTS (SELECT 1 FROM profiles p WHERE p.organization_id = x.organization_id AND p.id = x.assigned_csm_id) "
                    + "OR (x.escalation_user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM profiles p "
                    + "WHERE p.organization_id = x.organization_id AND p.id = x.escalation_user_id)))"});

    /** The transaction's connection, for the caller's own checks before the copy starts. */
    public Connection connection() {
        return connection;
    }

    public Copy<Rows.Organization> organizations() throws SQLException {
        return start("organizations (id, name)", (r, w) -> w.field(r.id()).field(r.name()));
    }

    public Copy<Rows.Profile> profiles() throws SQLException {
        return start("profiles (id, organization_id, email, full_name, role, manager_id)",
                (r, w) -> w.field(r.id()).field(r.organizationId()).field(r.email()).field(r.fullName())
                        .field(r.role()).field(r.managerId()));
    }

    /** Customers only: their properties and contacts go through {@link #signals()} and {@link #contacts()}. */
    public Copy<Rows.Customer> customers() throws SQLException {
        return start("customers (id, organization_id, name, csm_id, arr, renewal_date)",
                (r, w) -> w.field(r.id()).field(r.organizationId()).field(r.name()).field(r.csmId()).field(r.arr())
                        .field(r.renewalDate()));
    }

    public Copy<Rows.CustomerSignals> signals() throws SQLException {
        return start("customer_properties (customer_id, organization_id, revenue_impact_tier, churn_risk_score, "
                + "usage_score, health_score, utilization_percent, yoy_growth_percent, market_price_percentile, "
                + "adoption_rate_percent, usage_change_percent_last_month)", (r, w) -> {
                    Rows.Signals s = r.signals();
                    w.field(r.customerId()).field(r.organizationId()).field(s.revenueImpactTier())
                            .field(s.churnRiskScore()).field(s.usageScore()).field(s.healthScore())
                            .field(s.utilizationPercent()).field(s.yoyGrowthPercent()).field(s.marketPricePercentile())
                            .field(s.adoptionRatePercent()).field(s.usageChangePercentLastMonth());
                });
    }

    public Copy<Rows.CustomerContact> contacts() throws SQLException {
        return start("contacts (id, organization_id, customer_id, name, email, title, relationship_strength, "
                + "is_decision_maker)", (r, w) -> {
                    Rows.Contact c = r.contact();
                    w.field(c.id()).field(r.organizationId()).field(r.customerId()).field(c.name()).field(c.email())
                            .field(c.title()).field(c.relationshipStrength()).field(c.decisionMaker());
                });
    }

    public Copy<Rows.Definition> definitions() throws SQLException {
        return start("workflow_definitions (id, organization_id, name, workflow_type, description, "
                + "trigger_conditions, priority_weight, is_active, is_demo)",
                (r, w) -> w.field(r.id()).field(r.organizationId()).field(r.name()).field(r.workflowType())
                        .field(r.description()).field(r.triggerConditionsJson()).field(r.priorityWeight())
                        .field(r.active()).field(r.demo()));
    }

    /**
     * Executions; lifecycle timestamps (started, completed, skipped, snoozed) are set to
     * {@code stampedAt} where the status implies them.
     */
    public Copy<Rows.Execution> executions(OffsetDateTime stampedAt) throws SQLException {
        return start("workflow_executions (id, organization_id, workflow_definition_id, customer_id, assigned_csm_id, "
                + "status, snooze_until, snoozed_at, started_at, completed_at, skipped_at, skip_reason, execution_data, "
                + "is_demo, priority_score)", (r, w) -> {
                    String s = r.status();
                    w.field(r.id()).field(r.organizationId()).field(r.definitionId()).field(r.customerId())
                            .field(r.assignedCsmId()).field(s).field(r.snoozeUntil())
                            .field(s.equals("snoozed") ? stampedAt : null)
                            .field(s.equals("underway") || s.equals("completed") ? stampedAt : null)
                            .field(s.equals("completed") ? stampedAt : null)
                            .field(s.equals("skipped") ? stampedAt : null)
                            .field(r.skipReason()).field(r.executionDataJson()).field(r.demo()).field(r.priorityScore());
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
        if (referencesDeferred) {
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
        connection.commit();
        committed = true;
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
            s.execute("ANALYZE organizations, profiles, customers, customer_properties, contacts, "
                    + "workflow_definitions, workflow_executions");
        }
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

    private <R> Copy<R> start(String target, BiConsumer<R, Line> encoder) throws SQLException {
        if (open != null) {
            throw new IllegalStateException("one copy at a time: close the previous one first");
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        CopyIn in = pg.getCopyAPI().copyIn("COPY " + target + " FROM STDIN");
        Copy<R> copy = new Copy<>(in, encoder);
        open = copy;
        return copy;
    }

    /** An open COPY into one table; {@link #close()} ends it (the rows are then in the transaction). */
    public final class Copy<R> implements AutoCloseable {
        private static final int FLUSH_AT = 1 << 18;

        private final CopyIn in;
        private final BiConsumer<R, Line> encoder;
        private final Line line = new Line();
        private long rows;
        private boolean done;

        private Copy(CopyIn in, BiConsumer<R, Line> encoder) {
            this.in = in;
            this.encoder = encoder;
        }

        public void add(R row) throws SQLException {
            encoder.accept(row, line);
            line.endRow();
            rows++;
            if (line.out.size() >= FLUSH_AT) {
                send();
            }
        }

        public long rows() {
            return rows;
        }

        private void send() throws SQLException {
            byte[] bytes = line.out.toByteArray();
            in.writeToCopy(bytes, 0, bytes.length);
            line.out.reset();
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

    /** Encodes one row in COPY text format: tab-separated, \N for null, backslash escapes. */
    static final class Line {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(FLUSH_CAPACITY);
        private final StringBuilder row = new StringBuilder(256);
        private boolean first = true;
        private static final int FLUSH_CAPACITY = (1 << 18) + 4096;

        Line field(Object value) {
            if (!first) {
                row.append('\t');
            }
            first = false;
            if (value == null) {
                row.append("\\N");
            } else if (value instanceof String s) {
                escape(s);
            } else if (value instanceof BigDecimal d) {
                row.append(d.toPlainString());
            } else if (value instanceof OffsetDateTime t) {
                row.append(TIMESTAMP.format(t.withOffsetSameInstant(ZoneOffset.UTC)));
            } else {
                row.append(value);
            }
            return this;
        }

        private void escape(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> row.append("\\\\");
                    case '\t' -> row.append("\\t");
                    case '\n' -> row.append("\\n");
                    case '\r' -> row.append("\\r");
                    default -> row.append(c);
                }
            }
        }

        void endRow() {
            row.append('\n');
            byte[] bytes = row.toString().getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
            row.setLength(0);
            first = true;
        }
    }
}
