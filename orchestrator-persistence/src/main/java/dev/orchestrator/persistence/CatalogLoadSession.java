package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.CONTACTS;
import static dev.orchestrator.persistence.jooq.Tables.CUSTOMERS;
import static dev.orchestrator.persistence.jooq.Tables.CUSTOMER_PROPERTIES;
import static dev.orchestrator.persistence.jooq.Tables.ORGANIZATIONS;
import static dev.orchestrator.persistence.jooq.Tables.PROFILES;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITIONS;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITION_DEPENDENCIES;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTION_EVENTS;
import static org.jooq.impl.DSL.excluded;

import dev.orchestrator.core.application.port.out.CatalogLoader;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.catalog.CatalogRules;
import dev.orchestrator.core.domain.catalog.ContactEntry;
import dev.orchestrator.core.domain.catalog.CustomerEntry;
import dev.orchestrator.core.domain.catalog.ExecutionEntry;
import dev.orchestrator.core.domain.catalog.OrganizationEntry;
import dev.orchestrator.core.domain.catalog.Problem;
import dev.orchestrator.core.domain.catalog.Problems;
import dev.orchestrator.core.domain.catalog.SignalValues;
import dev.orchestrator.core.domain.dependency.DependencyGraph;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.signals.SignalField;
import dev.orchestrator.core.domain.workflow.TemplateSteps;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.Result;
import org.jooq.Row2;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * One load, in one transaction on one connection. Each section's rows arrive in batches; each
 * batch is one multi-row {@code INSERT ... ON CONFLICT (id) DO UPDATE ... WHERE organization_id =
 * excluded.organization_id RETURNING id, (xmax = 0)} (plus the statements for properties,
 * contacts, events), run in a savepoint. A row missing from RETURNING exists in another
 * organization and is refused. When PostgreSQL refuses a batch, the batch is replayed row by row
 * (each in a savepoint that is rolled back) to name the row; the caller then closes the session,
 * which rolls everything back.
 */
final class CatalogLoadSession implements CatalogLoader.Session {

    /** Fewer rows than this in a table never call for fresh statistics. */
    private static final long ANALYZE_MIN_ROWS = 1000;

    /**
     * The first key of {@link #lockDependencies}' advisory locks (the second: the organization's hash),
     * not the job lock's ("ORCH").
     */
    private static final int DEPENDENCY_LOCK = 14;

    /** A (xmax = 0) in RETURNING: true for a row this statement inserted, false for one it updated. */
    private static final Field<Boolean> INSERTED = DSL.field("(xmax = 0)", Boolean.class);

    /** What the schema's constraints mean, for the person whose row broke one. */
    private record Meaning(String field, String reason) {
    }

    private static final Map<String, Meaning> CONSTRAINTS = Map.of(
            "workflow_executions_one_active_per_customer_definition", new Meaning("",
                    "the customer already has an open execution (not_started, underway or snoozed) of this definition"),
            "profiles_organization_id_email_key",
            new Meaning(".email", "is already the email of another profile in this organization"));

    private final Connection connection;
    private final DSLContext sql;
    private final Instant now;
    private final OffsetDateTime at;
    private final Map<String, CatalogLoader.Counts> counts = new LinkedHashMap<>();
    private final Map<UUID, UUID> pendingManagers = new LinkedHashMap<>();
    /** The organizations of the profiles in {@link #pendingManagers}: their update names them (docs/scaling.md). */
    private final Set<UUID> pendingManagerOrganizations = new HashSet<>();
    /**
     * What this session wrote that the stored {@code blocked} markers depend on, per organization: the
     * definitions whose {@code depends_on} it wrote, the customers whose executions it wrote (before and
     * after a move). {@link #commit} refreshes them ({@link BlockedMarker}) before committing. A batch
     * rolled back to its savepoint leaves its ids here: a wider refresh is never a wrong one.
     */
    private final Map<UUID, Set<UUID>> dependentsWritten = new java.util.TreeMap<>();
    private final Map<UUID, Set<UUID>> customersWithExecutionsWritten = new java.util.TreeMap<>();
    /** More customers than this in one organization: its whole set of executions is refreshed at once. */
    private static final int CUSTOMER_REFRESH_LIMIT = 1000;
    /** Rows written per table in this session, to refresh stale statistics after the commit. */
    private final Map<String, Long> rowsWritten = new LinkedHashMap<>();
    private boolean committed;
    private boolean closed;

    CatalogLoadSession(Connection connection, DSLContext sql, Instant now) {
        this.connection = connection;
        this.sql = sql;
        this.now = now;
        this.at = Codes.timestamp(now);
    }

    /** What one batch wrote: the ids RETURNING gave, how many were inserted, and extra counts. */
    private record Written(Set<UUID> ids, long inserted, Map<String, Long> extra) {
        static Written of(Result<Record2<UUID, Boolean>> rows) {
            Set<UUID> ids = new HashSet<>();
            long inserted = 0;
            for (Record2<UUID, Boolean> r : rows) {
                ids.add(r.value1());
                if (r.value2()) {
                    inserted++;
                }
            }
            return new Written(ids, inserted, Map.of());
        }

        Written with(String table, long count) {
            Map<String, Long> more = new HashMap<>(extra);
            more.merge(table, count, Long::sum);
            return new Written(ids, inserted, more);
        }
    }

    // ---- sections ----------------------------------------------------------------------------

    @Override
    public Optional<Problem> organizations(List<CatalogLoader.Located<OrganizationEntry>> rows) {
        return batch("organizations", rows, o -> o.id().value(), batch -> {
            var insert = sql.insertInto(ORGANIZATIONS, ORGANIZATIONS.ID, ORGANIZATIONS.NAME, ORGANIZATIONS.CREATED_AT);
            for (OrganizationEntry o : batch) {
                insert = insert.values(o.id().value(), o.name(), at);
            }
            return Written.of(insert.onConflict(ORGANIZATIONS.ID).doUpdate()
                    .set(ORGANIZATIONS.NAME, excluded(ORGANIZATIONS.NAME))
                    .returningResult(ORGANIZATIONS.ID, INSERTED).fetch());
        });
    }

    @Override
    public Optional<Problem> profiles(List<CatalogLoader.Located<Profile>> rows) {
        Optional<Problem> refused = batch("profiles", rows, p -> p.id().value(), batch -> {
            var insert = sql.insertInto(PROFILES, PROFILES.ID, PROFILES.ORGANIZATION_ID, PROFILES.EMAIL,
                    PROFILES.FULL_NAME, PROFILES.ROLE, PROFILES.CAPACITY, PROFILES.CREATED_AT);
            for (Profile p : batch) {
                insert = insert.values(p.id().value(), p.organizationId().value(), p.email(), p.fullName(), p.role(),
                        p.capacity().isPresent() ? p.capacity().getAsInt() : null, at);
            }
            // The manager is set when every profile of the load exists (it may come later).
            return Written.of(insert.onConflict(PROFILES.ID).doUpdate()
                    .set(PROFILES.EMAIL, excluded(PROFILES.EMAIL))
                    .set(PROFILES.FULL_NAME, excluded(PROFILES.FULL_NAME))
                    .set(PROFILES.ROLE, excluded(PROFILES.ROLE))
                    .set(PROFILES.CAPACITY, excluded(PROFILES.CAPACITY))
                    .where(PROFILES.ORGANIZATION_ID.eq(excluded(PROFILES.ORGANIZATION_ID)))
                    .returningResult(PROFILES.ID, INSERTED).fetch());
        });
        if (refused.isEmpty()) {
            rows.forEach(l -> pendingManagerOrganizations.add(l.row().organizationId().value()));
            rows.forEach(l -> pendingManagers.put(l.row().id().value(),
                    l.row().managerId() == null ? null : l.row().managerId().value()));
        }
        return refused;
    }

    /** Sets the managers of the profiles loaded so far (one statement), once they all exist. */
    private void applyManagers() {
        if (pendingManagers.isEmpty()) {
            return;
        }
        List<Row2<UUID, UUID>> pairs = new ArrayList<>();
        // Typed values: a null manager would otherwise be sent as text.
        pendingManagers.forEach((id, manager) -> pairs.add(DSL.row(DSL.val(id, SQLDataType.UUID),
                DSL.val(manager, SQLDataType.UUID))));
        pendingManagers.clear();
        List<UUID> organizations = List.copyOf(pendingManagerOrganizations);
        pendingManagerOrganizations.clear();
        var m = DSL.values(pairs.toArray(Row2[]::new)).as("m", "id", "manager_id");
        Field<UUID> mId = m.field("id", UUID.class);
        Field<UUID> mManager = m.field("manager_id", UUID.class);
        sql.update(PROFILES)
                .set(PROFILES.MANAGER_ID, mManager)
                .from(m)
                .where(PROFILES.ORGANIZATION_ID.in(organizations))
                .and(PROFILES.ID.eq(mId))
                .and(PROFILES.MANAGER_ID.isDistinctFrom(mManager))
                .execute();
    }

    @Override
    public Optional<Problem> customers(List<CatalogLoader.Located<CustomerEntry>> rows) {
        applyManagers();
        return batch("customers", rows, c -> c.id().value(), this::writeCustomers);
    }

    private Written writeCustomers(List<CustomerEntry> batch) {
        List<UUID> ids = batch.stream().map(c -> c.id().value()).toList();
        // The CSM each customer had, to move its open executions along when it changes. An IN list
        // of binds, not "= any(cast(? as uuid[]))": PostgreSQL parses such an array again for every
        // row a sequential scan reads, which made each batch cost O(table size x batch size).
        Map<UUID, UUID> csmBefore = new HashMap<>();
        Set<UUID> organizations = new HashSet<>();
        batch.forEach(c -> organizations.add(c.organizationId().value()));
        sql.select(CUSTOMERS.ID, CUSTOMERS.CSM_ID).from(CUSTOMERS)
                .where(CUSTOMERS.ORGANIZATION_ID.in(organizations)).and(CUSTOMERS.ID.in(ids)).forUpdate()
                .forEach(r -> csmBefore.put(r.value1(), r.value2()));

        var insert = sql.insertInto(CUSTOMERS, CUSTOMERS.ID, CUSTOMERS.ORGANIZATION_ID, CUSTOMERS.NAME, CUSTOMERS.CSM_ID,
                CUSTOMERS.ARR, CUSTOMERS.RENEWAL_DATE, CUSTOMERS.CREATED_AT, CUSTOMERS.UPDATED_AT,
                CUSTOMERS.ANNUAL_REVIEW_DATE);
        for (CustomerEntry c : batch) {
            insert = insert.values(c.id().value(), c.organizationId().value(), c.name(),
                    c.csmId() == null ? null : c.csmId().value(), c.arr(),
                    c.renewalDate(), at, at, c.annualReviewDate());
        }
        Written written = Written.of(insert.onConflict(CUSTOMERS.ID).doUpdate()
                .set(CUSTOMERS.NAME, excluded(CUSTOMERS.NAME))
                .set(CUSTOMERS.CSM_ID, excluded(CUSTOMERS.CSM_ID))
                .set(CUSTOMERS.ARR, excluded(CUSTOMERS.ARR))
                .set(CUSTOMERS.RENEWAL_DATE, excluded(CUSTOMERS.RENEWAL_DATE))
                .set(CUSTOMERS.ANNUAL_REVIEW_DATE, excluded(CUSTOMERS.ANNUAL_REVIEW_DATE))
                .set(CUSTOMERS.UPDATED_AT, excluded(CUSTOMERS.UPDATED_AT))
                .set(CUSTOMERS.VERSION, CUSTOMERS.VERSION.plus(1))
                .where(CUSTOMERS.ORGANIZATION_ID.eq(excluded(CUSTOMERS.ORGANIZATION_ID)))
                .returningResult(CUSTOMERS.ID, INSERTED).fetch());
        if (written.ids().size() != batch.size()) {
            return written; // refused by the caller; nothing else to do
        }
        writeProperties(batch.stream().filter(c -> c.properties() != null)
                .map(c -> new SignalRow(c.id().value(), c.organizationId().value(), c.properties())).toList());
        long contacts = writeContacts(batch.stream().filter(c -> c.contacts() != null).toList(), csmBefore.keySet());
        long reassigned = reassign(batch, csmBefore);
        return written.with("contacts", contacts).with("reassigned_executions", reassigned);
    }

    /** One customer's full set of signal values, as customer_properties stores it. */
    record SignalRow(UUID customer, UUID organization, SignalValues values) {
    }

    /**
     * Upserts the properties rows: every signal column is written (null where the values have none).
     * The rows travel as one array per column ({@code INSERT ... SELECT FROM unnest(...)}): the
     * statement's text is the same for any number of rows, so it is parsed and prepared once per
     * connection, and binding a few arrays is far cheaper than thousands of single values (a
     * 1,000-row VALUES list took ~30 ms to parse and bind on every signal batch chunk).
     */
    void writeProperties(List<SignalRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<Field<?>> columns = new ArrayList<>(List.of(CUSTOMER_PROPERTIES.CUSTOMER_ID,
                CUSTOMER_PROPERTIES.ORGANIZATION_ID));
        for (SignalField signal : SignalField.values()) {
            columns.add(signalColumn(signal));
        }
        List<Field<?>> arrays = new ArrayList<>();
        List<Field<?>> unnested = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            arrays.add(column(columns.get(i), rows, i));
            unnested.add(DSL.field(DSL.name("u", "c" + i), columns.get(i).getDataType()));
        }
        unnested.add(DSL.val(at, CUSTOMER_PROPERTIES.UPDATED_AT));
        columns.add(CUSTOMER_PROPERTIES.UPDATED_AT);
        var from = DSL.table("unnest({0})", DSL.list(arrays.toArray(Field<?>[]::new)))
                .as("u", java.util.stream.IntStream.range(0, arrays.size()).mapToObj(i -> "c" + i).toArray(String[]::new));
        var upsert = sql.insertInto(CUSTOMER_PROPERTIES).columns(columns)
                .select(DSL.select(unnested).from(from))
                .onConflict(CUSTOMER_PROPERTIES.CUSTOMER_ID).doUpdate()
                .set(CUSTOMER_PROPERTIES.UPDATED_AT, excluded(CUSTOMER_PROPERTIES.UPDATED_AT));
        for (SignalField signal : SignalField.values()) {
            upsert = setExcluded(upsert, signalColumn(signal));
        }
        wrote("customer_properties", upsert.execute());
    }

    /** Column {@code index} of the rows (customer, organization, then the signals in their order) as one typed array. */
    private static <T> Field<T[]> column(Field<T> column, List<SignalRow> rows, int index) {
        org.jooq.DataType<T> type = column.getDataType();
        @SuppressWarnings("unchecked")
        T[] values = (T[]) java.lang.reflect.Array.newInstance(type.getType(), rows.size());
        SignalField[] signals = SignalField.values();
        for (int r = 0; r < values.length; r++) {
            SignalRow row = rows.get(r);
            Object value = switch (index) {
                case 0 -> row.customer();
                case 1 -> row.organization();
                default -> row.values().valueOf(signals[index - 2]);
            };
            values[r] = type.convert(value);
        }
        return DSL.val(values, type.getArrayDataType());
    }

    private static <R extends Record, T> org.jooq.InsertOnDuplicateSetMoreStep<R> setExcluded(
            org.jooq.InsertOnDuplicateSetMoreStep<R> step, Field<T> column) {
        return step.set(column, excluded(column));
    }

    /** The customer_properties column of a signal (its storage name is the column's). */
    static Field<?> signalColumn(SignalField signal) {
        Field<?> column = CUSTOMER_PROPERTIES.field(signal.columnName());
        if (column == null) {
            throw new IllegalStateException("customer_properties has no column " + signal.columnName());
        }
        return column;
    }

    /**
     * Replaces the contacts of {@code customers}. Only customers that existed before this batch
     * ({@code existed}) can have contacts to delete (a contact refers to its customer); their
     * delete names the organization too, so that it is an index scan of contacts_by_customer, not
     * a scan of every contact in the database.
     */
    private long writeContacts(List<CustomerEntry> customers, Set<UUID> existed) {
        if (customers.isEmpty()) {
            return 0;
        }
        Map<UUID, List<UUID>> replacedByOrganization = new LinkedHashMap<>();
        for (CustomerEntry c : customers) {
            if (existed.contains(c.id().value())) {
                replacedByOrganization.computeIfAbsent(c.organizationId().value(), o -> new ArrayList<>()).add(c.id().value());
            }
        }
        replacedByOrganization.forEach((organization, replaced) -> sql.deleteFrom(CONTACTS)
                .where(CONTACTS.ORGANIZATION_ID.eq(organization))
                .and(CONTACTS.CUSTOMER_ID.in(replaced))
                .execute());
        var insert = sql.insertInto(CONTACTS, CONTACTS.ORGANIZATION_ID, CONTACTS.CUSTOMER_ID, CONTACTS.NAME,
                CONTACTS.EMAIL, CONTACTS.TITLE, CONTACTS.RELATIONSHIP_STRENGTH, CONTACTS.IS_DECISION_MAKER);
        long count = 0;
        for (CustomerEntry c : customers) {
            for (ContactEntry k : c.contacts()) {
                insert = insert.values(c.organizationId().value(), c.id().value(), k.name(), k.email(), k.title(),
                        k.strength(), k.decisionMaker());
                count++;
            }
        }
        int contacts = count == 0 ? 0 : insert.execute();
        wrote("contacts", contacts);
        return contacts;
    }

    /**
     * A customer's open executions follow it to its new CSM: those assigned to the CSM it had move
     * to the one it has now, each with a {@code reassign} event naming both.
     */
    private long reassign(List<CustomerEntry> batch, Map<UUID, UUID> csmBefore) {
        List<Row2<UUID, UUID>> moves = new ArrayList<>();
        Map<UUID, UUID> newCsm = new HashMap<>();
        java.util.Set<UUID> organizations = new java.util.TreeSet<>();
        for (CustomerEntry c : batch) {
            UUID before = csmBefore.get(c.id().value());
            // A customer left without a CSM keeps its open work where it is.
            if (before != null && c.csmId() != null && !before.equals(c.csmId().value())) {
                moves.add(DSL.row(DSL.val(c.id().value(), SQLDataType.UUID), DSL.val(before, SQLDataType.UUID)));
                newCsm.put(c.id().value(), c.csmId().value());
                organizations.add(c.organizationId().value());
            }
        }
        if (moves.isEmpty()) {
            return 0;
        }
        var m = DSL.values(moves.toArray(Row2[]::new)).as("m", "customer_id", "from_csm_id");
        Field<UUID> mCustomer = m.field("customer_id", UUID.class);
        Field<UUID> mFrom = m.field("from_csm_id", UUID.class);
        var moved = sql.update(WORKFLOW_EXECUTIONS)
                .set(WORKFLOW_EXECUTIONS.ASSIGNED_CSM_ID, CUSTOMERS.CSM_ID)
                .set(WORKFLOW_EXECUTIONS.VERSION, WORKFLOW_EXECUTIONS.VERSION.plus(1))
                .set(WORKFLOW_EXECUTIONS.UPDATED_AT, at)
                .from(m, CUSTOMERS)
                .where(WORKFLOW_EXECUTIONS.CUSTOMER_ID.eq(mCustomer))
                // the organizations of the batch's customers, named (a statement a cluster distributed by
                // organization can route: docs/scaling.md)
                .and(WORKFLOW_EXECUTIONS.ORGANIZATION_ID.eq(DSL.any(organizations.toArray(UUID[]::new))))
                // implied by the customer foreign key; lets workflow_executions_by_customer serve the join
                .and(WORKFLOW_EXECUTIONS.ORGANIZATION_ID.eq(CUSTOMERS.ORGANIZATION_ID))
                .and(WORKFLOW_EXECUTIONS.ASSIGNED_CSM_ID.eq(mFrom))
                .and(WORKFLOW_EXECUTIONS.STATUS.in(Codes.inlineStatuses(WORKFLOW_EXECUTIONS.STATUS, ExecutionStatus.ACTIVE)))
                .and(CUSTOMERS.ID.eq(mCustomer))
                .returningResult(WORKFLOW_EXECUTIONS.ID, WORKFLOW_EXECUTIONS.ORGANIZATION_ID,
                        WORKFLOW_EXECUTIONS.CUSTOMER_ID, WORKFLOW_EXECUTIONS.STATUS)
                .fetch();
        if (moved.isEmpty()) {
            return 0;
        }
        var events = sql.insertInto(WORKFLOW_EXECUTION_EVENTS, WORKFLOW_EXECUTION_EVENTS.ORGANIZATION_ID,
                WORKFLOW_EXECUTION_EVENTS.EXECUTION_ID, WORKFLOW_EXECUTION_EVENTS.ACTION,
                WORKFLOW_EXECUTION_EVENTS.FROM_STATUS, WORKFLOW_EXECUTION_EVENTS.TO_STATUS,
                WORKFLOW_EXECUTION_EVENTS.FROM_CSM_ID, WORKFLOW_EXECUTION_EVENTS.TO_CSM_ID,
                WORKFLOW_EXECUTION_EVENTS.OCCURRED_AT);
        for (var r : moved) {
            UUID customer = r.value3();
            events = events.values(r.value2(), r.value1(), Action.REASSIGN, r.value4(), r.value4(),
                    csmBefore.get(customer), newCsm.get(customer), at);
        }
        wrote("workflow_execution_events", events.execute());
        return moved.size();
    }

    @Override
    public Optional<Problem> definitions(List<CatalogLoader.Located<WorkflowDefinition>> rows) {
        applyManagers();
        rows.stream().map(r -> r.row().organizationId()).distinct()
                .sorted(java.util.Comparator.comparing(OrganizationId::value)).forEach(this::lockDependencies);
        Optional<Problem> refused = writeDefinitions(rows);
        return refused.isPresent() ? refused : storedCycle(rows);
    }

    /**
     * Serializes the writes of one organization's {@code depends_on} (a transaction-level advisory lock,
     * held to commit or rollback). The core checks for a cycle against the dependencies it read before
     * this transaction; two admins adding A → B and B → A at once would each pass that check. Under this
     * lock the second writer waits for the first to commit and then, in {@link #storedCycle}, sees its
     * edge. A writer that also locks definition rows takes this lock first ({@code saveDefinition}), so
     * that the two never wait for each other in opposite orders.
     */
    void lockDependencies(OrganizationId organization) {
        sql.select(DSL.field("pg_advisory_xact_lock({0}, hashtext({1}))", Object.class,
                DSL.inline(DEPENDENCY_LOCK), DSL.val(organization.value().toString()))).fetch();
    }

    /**
     * Under {@link #lockDependencies}: the organization's stored dependencies (this transaction's writes
     * and every committed one) make no cycle. The check is the core's ({@code DependencyGraph}), named at
     * the first written row in the cycle as the core names it; a refusal rolls the whole load back.
     * An import is checked after each batch of definitions: a file larger than one batch whose later
     * rows undo a cycle that its earlier rows make with the stored ones is refused (the core's
     * whole-file check accepts it). That is rare and fails safe.
     */
    private Optional<Problem> storedCycle(List<CatalogLoader.Located<WorkflowDefinition>> rows) {
        var d = WORKFLOW_DEFINITION_DEPENDENCIES;
        var names = WORKFLOW_DEFINITIONS;
        for (OrganizationId organization : rows.stream().map(r -> r.row().organizationId()).distinct().toList()) {
            Map<DefinitionId, List<DefinitionId>> stored = new LinkedHashMap<>();
            sql.select(d.DEFINITION_ID, d.PREREQUISITE_ID).from(d)
                    .where(d.ORGANIZATION_ID.eq(organization.value()))
                    .orderBy(d.DEFINITION_ID, d.POSITION)
                    .forEach(r -> stored.computeIfAbsent(DefinitionId.of(r.value1()), k -> new ArrayList<>())
                            .add(DefinitionId.of(r.value2())));
            // The written definitions first: a cycle is named from the first of them in it, as the core names it.
            Map<DefinitionId, List<DefinitionId>> graph = new LinkedHashMap<>();
            rows.stream().map(r -> r.row().id()).filter(stored::containsKey)
                    .forEach(id -> graph.put(id, stored.get(id)));
            stored.forEach(graph::putIfAbsent);
            Optional<List<DefinitionId>> cycle = DependencyGraph.cycle(graph);
            if (cycle.isEmpty()) {
                continue;
            }
            Map<DefinitionId, String> named = new HashMap<>();
            sql.select(names.ID, names.NAME).from(names).where(names.ORGANIZATION_ID.eq(organization.value()))
                    .and(names.ID.in(cycle.get().stream().map(DefinitionId::value).toList()))
                    .forEach(r -> named.put(DefinitionId.of(r.value1()), r.value2()));
            String path = rows.stream().filter(r -> cycle.get().contains(r.row().id())).findFirst()
                    .orElse(rows.get(0)).path();
            Problems problems = new Problems();
            CatalogRules.cycle(graph, id -> named.getOrDefault(id, id.toString()),
                    path.isEmpty() ? "depends_on" : path + ".depends_on", problems);
            return problems.kept().stream().findFirst();
        }
        return Optional.empty();
    }

    private Optional<Problem> writeDefinitions(List<CatalogLoader.Located<WorkflowDefinition>> rows) {
        return batch("workflow_definitions", rows, d -> d.id().value(), batch -> {
            var insert = sql.insertInto(WORKFLOW_DEFINITIONS, WORKFLOW_DEFINITIONS.ID, WORKFLOW_DEFINITIONS.ORGANIZATION_ID,
                    WORKFLOW_DEFINITIONS.NAME, WORKFLOW_DEFINITIONS.WORKFLOW_TYPE, WORKFLOW_DEFINITIONS.DESCRIPTION,
                    WORKFLOW_DEFINITIONS.TRIGGER_CONDITIONS, WORKFLOW_DEFINITIONS.PRIORITY_WEIGHT,
                    WORKFLOW_DEFINITIONS.IS_ACTIVE, WORKFLOW_DEFINITIONS.IS_DEMO, WORKFLOW_DEFINITIONS.CREATED_AT,
                    WORKFLOW_DEFINITIONS.UPDATED_AT, WORKFLOW_DEFINITIONS.STEPS);
            for (WorkflowDefinition d : batch) {
                insert = insert.values(d.id().value(), d.organizationId().value(), d.name(), d.type(), d.description(),
                        JsonbCodec.write(d.triggerConditions().json()), d.priorityWeight(), d.active(), d.demo(), at, at,
                        JsonbCodec.writeArray(TemplateSteps.toJson(d.steps())));
            }
            Written written = Written.of(insert.onConflict(WORKFLOW_DEFINITIONS.ID).doUpdate()
                    .set(WORKFLOW_DEFINITIONS.NAME, excluded(WORKFLOW_DEFINITIONS.NAME))
                    .set(WORKFLOW_DEFINITIONS.WORKFLOW_TYPE, excluded(WORKFLOW_DEFINITIONS.WORKFLOW_TYPE))
                    .set(WORKFLOW_DEFINITIONS.DESCRIPTION, excluded(WORKFLOW_DEFINITIONS.DESCRIPTION))
                    .set(WORKFLOW_DEFINITIONS.TRIGGER_CONDITIONS, excluded(WORKFLOW_DEFINITIONS.TRIGGER_CONDITIONS))
                    .set(WORKFLOW_DEFINITIONS.PRIORITY_WEIGHT, excluded(WORKFLOW_DEFINITIONS.PRIORITY_WEIGHT))
                    .set(WORKFLOW_DEFINITIONS.IS_ACTIVE, excluded(WORKFLOW_DEFINITIONS.IS_ACTIVE))
                    .set(WORKFLOW_DEFINITIONS.IS_DEMO, excluded(WORKFLOW_DEFINITIONS.IS_DEMO))
                    .set(WORKFLOW_DEFINITIONS.STEPS, excluded(WORKFLOW_DEFINITIONS.STEPS))
                    .set(WORKFLOW_DEFINITIONS.UPDATED_AT, excluded(WORKFLOW_DEFINITIONS.UPDATED_AT))
                    .set(WORKFLOW_DEFINITIONS.VERSION, WORKFLOW_DEFINITIONS.VERSION.plus(1))
                    .where(WORKFLOW_DEFINITIONS.ORGANIZATION_ID.eq(excluded(WORKFLOW_DEFINITIONS.ORGANIZATION_ID)))
                    .returningResult(WORKFLOW_DEFINITIONS.ID, INSERTED).fetch());
            writeDependencies(batch, written.ids());
            return written;
        });
    }

    /**
     * Each written definition's dependencies replace its stored ones (the core has checked them: same
     * organization, no cycle; a prerequisite written later in this session is fine, its key is checked
     * at commit).
     */
    private void writeDependencies(List<WorkflowDefinition> batch, Set<UUID> written) {
        var d = WORKFLOW_DEFINITION_DEPENDENCIES;
        List<WorkflowDefinition> mine = batch.stream().filter(x -> written.contains(x.id().value())).toList();
        if (mine.isEmpty()) {
            return;
        }
        for (WorkflowDefinition x : mine) {
            sql.deleteFrom(d).where(d.ORGANIZATION_ID.eq(x.organizationId().value()))
                    .and(d.DEFINITION_ID.eq(x.id().value())).execute();
            dependentsWritten.computeIfAbsent(x.organizationId().value(), o -> new java.util.TreeSet<>())
                    .add(x.id().value());
        }
        var insert = sql.insertInto(d, d.ORGANIZATION_ID, d.DEFINITION_ID, d.PREREQUISITE_ID, d.POSITION,
                d.COMPLETED_WITHIN_DAYS, d.WHILE_OPEN);
        boolean any = false;
        for (WorkflowDefinition x : mine) {
            for (int i = 0; i < x.dependsOn().size(); i++) {
                var dep = x.dependsOn().get(i);
                insert = insert.values(x.organizationId().value(), x.id().value(), dep.prerequisite().value(), i,
                        dep.completedWithinDays(), dep.whileOpen());
                any = true;
            }
        }
        if (any) {
            insert.execute();
        }
    }

    @Override
    public Optional<Problem> executions(List<CatalogLoader.Located<ExecutionEntry>> rows) {
        applyManagers();
        return batch("workflow_executions", rows, e -> e.id().value(), this::writeExecutions);
    }

    private Written writeExecutions(List<ExecutionEntry> batch) {
        var w = WORKFLOW_EXECUTIONS;
        // The customers whose executions change: each row's, and, for a row that exists, the one it had
        // (an upsert may move it to another customer, whose dependents it then no longer blocks).
        for (ExecutionEntry e : batch) {
            customersWithExecutionsWritten.computeIfAbsent(e.organizationId().value(), o -> new java.util.TreeSet<>())
                    .add(e.customerId().value());
        }
        sql.select(w.ORGANIZATION_ID, w.CUSTOMER_ID).from(w)
                // the batch's organizations, named (docs/scaling.md); a row of another one is refused anyway
                .where(w.ORGANIZATION_ID.in(customersWithExecutionsWritten.keySet()))
                .and(w.ID.in(batch.stream().map(e -> e.id().value()).toList()))
                .forEach(r -> customersWithExecutionsWritten.computeIfAbsent(r.value1(), o -> new java.util.TreeSet<>())
                        .add(r.value2()));
        var insert = sql.insertInto(w, w.ID, w.ORGANIZATION_ID, w.WORKFLOW_DEFINITION_ID, w.CUSTOMER_ID,
                w.ASSIGNED_CSM_ID, w.STATUS, w.SNOOZE_UNTIL, w.SNOOZED_AT, w.STARTED_AT, w.COMPLETED_AT, w.SKIPPED_AT,
                w.SKIP_REASON, w.EXECUTION_DATA, w.IS_DEMO, w.PRIORITY_SCORE, w.CREATED_AT, w.UPDATED_AT, w.DUE_AT);
        for (ExecutionEntry e : batch) {
            ExecutionStatus s = e.status();
            insert = insert.values(DSL.val(e.id().value()), DSL.val(e.organizationId().value()),
                    DSL.val(e.definitionId().value()), DSL.val(e.customerId().value()), DSL.val(e.assignedCsmId().value()),
                    DSL.val(s, w.STATUS), DSL.val(Codes.timestamp(e.snoozeUntil()), w.SNOOZE_UNTIL),
                    DSL.val(s == ExecutionStatus.SNOOZED ? at : null, w.SNOOZED_AT),
                    DSL.val(s == ExecutionStatus.UNDERWAY || s == ExecutionStatus.COMPLETED ? at : null, w.STARTED_AT),
                    DSL.val(s == ExecutionStatus.COMPLETED ? at : null, w.COMPLETED_AT),
                    DSL.val(s == ExecutionStatus.SKIPPED ? at : null, w.SKIPPED_AT),
                    DSL.val(e.skipReason(), w.SKIP_REASON), DSL.val(JsonbCodec.write(e.executionData()), w.EXECUTION_DATA),
                    DSL.val(e.demo()), DSL.val(0), DSL.val(at, w.CREATED_AT), DSL.val(at, w.UPDATED_AT),
                    DSL.val(Codes.timestamp(e.dueAt()), w.DUE_AT));
        }
        Result<? extends Record> result = insert.onConflict(w.ID).doUpdate()
                .set(w.WORKFLOW_DEFINITION_ID, excluded(w.WORKFLOW_DEFINITION_ID))
                .set(w.CUSTOMER_ID, excluded(w.CUSTOMER_ID))
                .set(w.ASSIGNED_CSM_ID, excluded(w.ASSIGNED_CSM_ID))
                .set(w.STATUS, excluded(w.STATUS))
                .set(w.SNOOZE_UNTIL, excluded(w.SNOOZE_UNTIL))
                .set(w.DUE_AT, excluded(w.DUE_AT))
                .set(w.SNOOZED_AT, DSL.coalesce(w.SNOOZED_AT, excluded(w.SNOOZED_AT)))
                .set(w.STARTED_AT, DSL.coalesce(w.STARTED_AT, excluded(w.STARTED_AT)))
                .set(w.COMPLETED_AT, DSL.coalesce(w.COMPLETED_AT, excluded(w.COMPLETED_AT)))
                .set(w.SKIPPED_AT, DSL.coalesce(w.SKIPPED_AT, excluded(w.SKIPPED_AT)))
                .set(w.SKIP_REASON, excluded(w.SKIP_REASON))
                .set(w.EXECUTION_DATA, excluded(w.EXECUTION_DATA))
                .set(w.IS_DEMO, excluded(w.IS_DEMO))
                .set(w.VERSION, w.VERSION.plus(1))
                .set(w.UPDATED_AT, excluded(w.UPDATED_AT))
                .where(w.ORGANIZATION_ID.eq(excluded(w.ORGANIZATION_ID)))
                .returningResult(w.ID, INSERTED, w.ORGANIZATION_ID, w.STATUS)
                .fetch();
        Set<UUID> ids = new HashSet<>();
        long inserted = 0;
        var events = sql.insertInto(WORKFLOW_EXECUTION_EVENTS, WORKFLOW_EXECUTION_EVENTS.ORGANIZATION_ID,
                WORKFLOW_EXECUTION_EVENTS.EXECUTION_ID, WORKFLOW_EXECUTION_EVENTS.ACTION,
                WORKFLOW_EXECUTION_EVENTS.TO_STATUS, WORKFLOW_EXECUTION_EVENTS.OCCURRED_AT);
        for (Record r : result) {
            UUID id = r.get(w.ID);
            ids.add(id);
            if (Boolean.TRUE.equals(r.get(INSERTED))) {
                inserted++;
                events = events.values(r.get(w.ORGANIZATION_ID), id, Action.CREATE, r.get(w.STATUS), at);
            }
        }
        if (inserted > 0) {
            wrote("workflow_execution_events", events.execute());
        }
        return new Written(ids, inserted, Map.of());
    }

    // ---- for single writes that do more in the same transaction ------------------------------

    /** The context of this session's transaction. */
    DSLContext sql() {
        return sql;
    }

    /** Rows written so far, per table. */
    Map<String, CatalogLoader.Counts> counts() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    // ---- transaction -------------------------------------------------------------------------

    @Override
    public Map<String, CatalogLoader.Counts> commit() {
        applyManagers();
        try {
            connection.commit();
        } catch (SQLException e) {
            throw new DataAccessException("the load could not be committed: " + e.getMessage(), e);
        }
        committed = true;
        refreshBlockedMarkers();
        analyzeWhereStale();
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /**
     * After the commit, the stored markers of what this session wrote ({@link #dependentsWritten},
     * {@link #customersWithExecutionsWritten}), each scope in a short transaction of its own under the
     * markers' locks ({@link MarkerLocks}: a load holds many rows for long, so it does not take them
     * first). The data is committed whatever happens here; a refresh that fails leaves markers the
     * customers' next write repairs, and is reported.
     */
    private void refreshBlockedMarkers() {
        List<BlockedMarker.RefreshScope> scopes = new ArrayList<>();
        dependentsWritten.forEach((organization, definitions) ->
                scopes.add(new BlockedMarker.OfDefinitions(organization, definitions)));
        customersWithExecutionsWritten.forEach((organization, customers) -> scopes.add(
                customers.size() > CUSTOMER_REFRESH_LIMIT ? new BlockedMarker.OfOrganization(organization)
                        : new BlockedMarker.OfCustomers(organization, customers)));
        dependentsWritten.clear();
        customersWithExecutionsWritten.clear();
        try {
            for (BlockedMarker.RefreshScope scope : scopes) {
                BlockedMarker.refreshAfterCommit(connection, sql, scope);
            }
        } catch (DataAccessException e) {
            throw new DataAccessException("the load was committed, but its blocked markers could not be refreshed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The customers that a statement of this session's transaction gave new executions (the
     * interpretation of a catalog write): their markers are refreshed after the commit.
     */
    void executionsCreatedFor(UUID organization, java.util.Collection<UUID> customers) {
        if (!customers.isEmpty()) {
            customersWithExecutionsWritten.computeIfAbsent(organization, o -> new java.util.TreeSet<>()).addAll(customers);
        }
    }

    private void wrote(String table, long rows) {
        rowsWritten.merge(table, rows, Long::sum);
    }

    /**
     * After the commit: ANALYZE each table this load wrote at least {@link #ANALYZE_MIN_ROWS} rows
     * and a tenth of its rows into (by the statistics it had), as autovacuum would do, only at once.
     * Without it the re-scoring that follows, and every query after it until autovacuum comes by
     * (never, where it is off), is planned with the statistics of before the load: a freshly
     * imported organization looks empty and its joins become nested loops over sequential scans.
     * Statistics only guide plans: a failure here (say, not the tables' owner) changes nothing.
     */
    private void analyzeWhereStale() {
        List<String> stale = new ArrayList<>();
        try {
            for (Map.Entry<String, Long> e : rowsWritten.entrySet()) {
                if (e.getValue() < ANALYZE_MIN_ROWS) {
                    continue;
                }
                Record stats = sql.fetchOne("SELECT reltuples FROM pg_class WHERE oid = to_regclass(?)", e.getKey());
                Float reltuples = stats == null ? null : stats.get(0, Float.class);
                if (reltuples == null || e.getValue() >= 0.1 * Math.max(0, reltuples)) {
                    stale.add(e.getKey());
                }
            }
            if (!stale.isEmpty()) {
                sql.execute("ANALYZE " + String.join(", ", stale));
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection is closed next
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!committed) {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new DataAccessException("the load could not be rolled back: " + e.getMessage(), e);
        } finally {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the pool discards a broken connection
            }
        }
    }

    // ---- batches -----------------------------------------------------------------------------

    /**
     * Runs {@code write} on the batch in a savepoint and checks that every row was written (a
     * missing one exists in another organization). If PostgreSQL refuses the batch, replays it
     * row by row to name the row it refuses.
     */
    private <T> Optional<Problem> batch(String table, List<CatalogLoader.Located<T>> rows, Function<T, UUID> id,
            Function<List<T>, Written> write) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<T> values = rows.stream().map(CatalogLoader.Located::row).toList();
        Savepoint savepoint = savepoint();
        Written written;
        try {
            written = write.apply(values);
            release(savepoint);
        } catch (DataAccessException e) {
            rollback(savepoint);
            return Optional.of(culprit(rows, id, write, e));
        }
        for (CatalogLoader.Located<T> row : rows) {
            if (!written.ids().contains(id.apply(row.row()))) {
                return Optional.of(new Problem(row.path() + ".id", id.apply(row.row())
                        + " already exists in another organization; it cannot be moved"));
            }
        }
        counts.merge(table, new CatalogLoader.Counts(written.inserted(), values.size() - written.inserted()),
                CatalogLoader.Counts::plus);
        wrote(table, values.size());
        written.extra().forEach((extraTable, count) -> {
            if (count > 0) {
                counts.merge(extraTable, new CatalogLoader.Counts(count, 0), CatalogLoader.Counts::plus);
            }
        });
        return Optional.empty();
    }

    private <T> Problem culprit(List<CatalogLoader.Located<T>> rows, Function<T, UUID> id,
            Function<List<T>, Written> write, DataAccessException batchFailure) {
        for (CatalogLoader.Located<T> row : rows) {
            Savepoint single = savepoint();
            try {
                write.apply(List.of(row.row()));
                rollback(single);
            } catch (DataAccessException e) {
                rollback(single);
                if (hiddenByRowLevelSecurity(e)) {
                    // the upsert met a row this session may not see: it is another organization's
                    return new Problem(row.path() + ".id", id.apply(row.row())
                            + " already exists in another organization; it cannot be moved");
                }
                Meaning meaning = meaning(e);
                return meaning != null ? new Problem(row.path() + meaning.field(), meaning.reason())
                        : new Problem(row.path(), describe(e));
            }
        }
        return new Problem(rows.get(0).path() + ".." + rows.get(rows.size() - 1).path(),
                "the database refused these rows together: " + describe(batchFailure));
    }

    /** What the constraint PostgreSQL names means, when it is one we know. */
    private static Meaning meaning(DataAccessException e) {
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof PSQLException)) {
            cause = cause.getCause();
        }
        if (cause instanceof PSQLException p && p.getServerErrorMessage() != null
                && p.getServerErrorMessage().getConstraint() != null) {
            return CONSTRAINTS.get(p.getServerErrorMessage().getConstraint());
        }
        return null;
    }

    /**
     * Under row-level security (the service role, migration V26) an upsert whose id is another
     * organization's row does not reach its {@code WHERE organization_id = excluded.organization_id}:
     * PostgreSQL refuses the hidden row first (42501, "... policy (USING expression) ...").
     */
    private static boolean hiddenByRowLevelSecurity(DataAccessException e) {
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof PSQLException)) {
            cause = cause.getCause();
        }
        return cause instanceof PSQLException p && "42501".equals(p.getSQLState()) && p.getMessage() != null
                && p.getMessage().contains("row-level security policy (USING expression)");
    }

    /** PostgreSQL's reason in words. */
    private static String describe(DataAccessException e) {
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof PSQLException)) {
            cause = cause.getCause();
        }
        if (cause instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            return "the database refused the row: " + m.getMessage() + (m.getDetail() == null ? "" : " (" + m.getDetail() + ")");
        }
        return "the database refused the row: " + e.getMessage();
    }

    private Savepoint savepoint() {
        try {
            return connection.setSavepoint();
        } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e);
        }
    }

    private void release(Savepoint savepoint) {
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e);
        }
    }

    private void rollback(Savepoint savepoint) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e);
        }
    }
}
