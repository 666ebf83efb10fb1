package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.SqlPriorityRecomputation.RESCORED_CUSTOMER;
import static dev.orchestrator.persistence.SqlPriorityRecomputation.RESCORED_ID;
import static dev.orchestrator.persistence.SqlPriorityRecomputation.SCORE_AFTER;
import static dev.orchestrator.persistence.SqlPriorityRecomputation.SCORE_BEFORE;
import static dev.orchestrator.persistence.jooq.Tables.CUSTOMERS;
import static dev.orchestrator.persistence.jooq.Tables.CUSTOMER_PROPERTIES;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITIONS;

import dev.orchestrator.core.application.port.out.CatalogLoader;
import dev.orchestrator.core.application.port.out.CatalogWrites;
import dev.orchestrator.core.domain.catalog.CustomerEntry;
import dev.orchestrator.core.domain.catalog.Problem;
import dev.orchestrator.core.domain.catalog.SignalValues;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.scope.WorkScope;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.persistence.CatalogLoadSession.SignalRow;
import dev.orchestrator.persistence.jooq.tables.CustomerProperties;
import dev.orchestrator.persistence.jooq.tables.Customers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Single catalog writes with their consequences, each in one transaction: the row (through a
 * {@link CatalogLoadSession}, so the upsert is the import's), then the same set-based re-scoring
 * and interpretation statements the daily jobs run, narrowed to what the write touched. The row is
 * locked first ({@code SELECT ... FOR UPDATE}), so the version check and the write cannot interleave
 * with another writer's.
 */
final class JooqCatalogWrites implements CatalogWrites {

    private static final Customers C = CUSTOMERS.as("c");
    private static final CustomerProperties P = CUSTOMER_PROPERTIES.as("p");
    private static final Field<Boolean> HAS_STRONG_CONTACT =
            DSL.field(EntrySql.strongContactProbe(C.ORGANIZATION_ID, C.ID)).as("has_strong_contact");

    private final JooqCatalogLoader loader;

    /** The scoped re-scoring's SQL, rendered once per policy, day and scope shape. */
    private final RenderedOnce statements;

    JooqCatalogWrites(JooqCatalogLoader loader, RenderedOnce statements) {
        this.loader = loader;
        this.statements = statements;
    }

    @Override
    public Outcome saveDefinition(WorkflowDefinition definition, OptionalLong expectedVersion, Scoring scoring) {
        WorkScope scope = WorkScope.definition(definition.organizationId(), definition.id());
        try (CatalogLoadSession session = loader.begin(scoring.now())) {
            DSLContext sql = session.sql();
            // Before the definition's row: the order every writer of depends_on takes the two locks in.
            session.lockDependencies(definition.organizationId());
            Record2<UUID, Long> stored = lock(sql, WORKFLOW_DEFINITIONS, WORKFLOW_DEFINITIONS.ID,
                    WORKFLOW_DEFINITIONS.ORGANIZATION_ID, WORKFLOW_DEFINITIONS.VERSION, definition.id().value());
            Optional<Outcome> refused = precondition(stored, definition.organizationId(), expectedVersion);
            if (refused.isPresent()) {
                return refused.get();
            }
            Optional<Problem> problem = session.definitions(List.of(new CatalogLoader.Located<>("", definition)));
            if (problem.isPresent()) {
                return refusal(problem.get());
            }
            WorkChanges changes = changes(rescore(sql, scope, scoring), List.of(), 0);
            long version = version(sql, WORKFLOW_DEFINITIONS, WORKFLOW_DEFINITIONS.ID, WORKFLOW_DEFINITIONS.ORGANIZATION_ID,
                    WORKFLOW_DEFINITIONS.VERSION, definition.id().value(), definition.organizationId().value());
            session.commit();
            return new Outcome.Saved(version, stored == null, changes);
        }
    }

    @Override
    public Outcome saveCustomer(CustomerEntry customer, OptionalLong expectedVersion, Scoring scoring) {
        WorkScope scope = WorkScope.customers(customer.organizationId(), Set.of(customer.id()));
        try (CatalogLoadSession session = loader.begin(scoring.now())) {
            DSLContext sql = session.sql();
            Record2<UUID, Long> stored = lock(sql, CUSTOMERS, CUSTOMERS.ID, CUSTOMERS.ORGANIZATION_ID, CUSTOMERS.VERSION,
                    customer.id().value());
            Optional<Outcome> refused = precondition(stored, customer.organizationId(), expectedVersion);
            if (refused.isPresent()) {
                return refused.get();
            }
            Optional<Problem> problem = session.customers(List.of(new CatalogLoader.Located<>("", customer)));
            if (problem.isPresent()) {
                return refusal(problem.get());
            }
            List<ChangedRow> rescored = rescore(sql, scope, scoring);
            List<ChangedRow> created = interpret(session, scope, scoring);
            CatalogLoader.Counts moved = session.counts().get("reassigned_executions");
            WorkChanges changes = changes(rescored, created, moved == null ? 0 : moved.inserted());
            long version = version(sql, CUSTOMERS, CUSTOMERS.ID, CUSTOMERS.ORGANIZATION_ID, CUSTOMERS.VERSION,
                    customer.id().value(), customer.organizationId().value());
            session.commit();
            return new Outcome.Saved(version, stored == null, changes);
        }
    }

    @Override
    public List<SignalOutcome> applySignals(OrganizationId organization, List<SignalUpdate> updates, Scoring scoring) {
        // Later updates of one customer win: merge them in order.
        Map<CustomerId, SignalValues> patches = new LinkedHashMap<>();
        for (SignalUpdate u : updates) {
            patches.merge(u.customer(), u.patch(), SignalValues::patchedWith);
        }
        try (CatalogLoadSession session = loader.begin(scoring.now())) {
            DSLContext sql = session.sql();
            if (patches.size() == 1) {
                // One customer (a PATCH): every statement below reads by key, so its plan does not
                // depend on the values; let each connection plan it once (a generic plan, replanned
                // when ANALYZE changes the statistics) instead of on every request. Planning the
                // re-scoring and interpretation statements was ~2 ms of a PATCH's ~3 ms of statements.
                // A chunk of a batch keeps the session's custom plans (1 to 1,000 customers).
                sql.execute("SET LOCAL plan_cache_mode = force_generic_plan");
            }
            UUID[] ids = patches.keySet().stream().map(CustomerId::value).toArray(UUID[]::new);
            // The customers (locked: concurrent updates of one customer queue up) and their current signals.
            Map<CustomerId, CustomerSignals> current = new LinkedHashMap<>();
            sql.select(P.fields()).select(C.ID, HAS_STRONG_CONTACT)
                    .from(C)
                    // the ids on p too: without them p is read for the whole organization and hashed
                    .leftJoin(P).on(P.ORGANIZATION_ID.eq(C.ORGANIZATION_ID)).and(P.CUSTOMER_ID.eq(C.ID))
                    .and(P.CUSTOMER_ID.eq(DSL.any(ids)))
                    .where(C.ORGANIZATION_ID.eq(organization.value())).and(C.ID.eq(DSL.any(ids)))
                    .orderBy(C.ID)
                    .forUpdate().of(C)
                    .forEach(r -> current.put(new CustomerId(r.get(C.ID)), Rows.signals(r, P, HAS_STRONG_CONTACT)));
            List<SignalRow> rows = new ArrayList<>();
            current.forEach((id, signals) -> rows.add(new SignalRow(id.value(), organization.value(),
                    SignalValues.of(signals).patchedWith(patches.get(id)))));
            Map<CustomerId, WorkChanges> changes = Map.of();
            if (!rows.isEmpty()) {
                WorkScope scope = WorkScope.customers(organization, current.keySet());
                session.writeProperties(rows);
                changes = byCustomer(rescore(sql, scope, scoring), interpret(session, scope, scoring));
            }
            session.commit();
            return outcomes(updates, current.keySet(), changes);
        }
    }

    /** One outcome per update; a customer's changes go to its last update (so that nothing is counted twice). */
    private static List<SignalOutcome> outcomes(List<SignalUpdate> updates, Set<CustomerId> found,
            Map<CustomerId, WorkChanges> changes) {
        Map<CustomerId, Integer> last = new LinkedHashMap<>();
        for (int i = 0; i < updates.size(); i++) {
            last.put(updates.get(i).customer(), i);
        }
        List<SignalOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < updates.size(); i++) {
            CustomerId id = updates.get(i).customer();
            WorkChanges mine = last.get(id) == i ? changes.getOrDefault(id, WorkChanges.NONE) : WorkChanges.NONE;
            outcomes.add(new SignalOutcome(id, found.contains(id), mine));
        }
        return outcomes;
    }

    /** Per customer: what was re-scored and what was created (each list in execution id order). */
    private static Map<CustomerId, WorkChanges> byCustomer(List<ChangedRow> rescored, List<ChangedRow> created) {
        Map<CustomerId, List<ChangedRow>> was = rescored.stream().collect(Collectors.groupingBy(ChangedRow::customer));
        Map<CustomerId, List<ChangedRow>> is = created.stream().collect(Collectors.groupingBy(ChangedRow::customer));
        Map<CustomerId, WorkChanges> changes = new LinkedHashMap<>();
        Set<CustomerId> customers = new java.util.HashSet<>(was.keySet());
        customers.addAll(is.keySet());
        for (CustomerId customer : customers) {
            changes.put(customer, changes(was.getOrDefault(customer, List.of()), is.getOrDefault(customer, List.of()), 0));
        }
        return changes;
    }

    /**
     * An execution a write re-scored (score from, to) or created (from is null). The scope's
     * statements answer these rows themselves, so a write needs no read of the open executions
     * before and after it.
     */
    private record ChangedRow(ExecutionId id, DefinitionId definition, CustomerId customer, Integer from, int to) {
    }

    private static WorkChanges changes(List<ChangedRow> rescored, List<ChangedRow> created, long reassigned) {
        return new WorkChanges(
                created.stream().map(c -> new Created(c.id(), c.definition(), c.customer(), c.to())).toList(),
                rescored.stream().map(r -> new Rescored(r.id(), r.from(), r.to())).toList(),
                reassigned);
    }

    /**
     * The daily re-scoring statement, narrowed to the scope and run in this transaction. Its SQL is
     * rendered once per shape (rendering it was ~8 % of serve's CPU under signal writes): the policy and
     * the day are inlined in it, so they are part of the shape; the scope's values are bound.
     */
    private List<ChangedRow> rescore(DSLContext sql, WorkScope scope, Scoring scoring) {
        RenderedOnce.Binds binds = new RenderedOnce.Binds("rescored").mark(scoring.priorityPolicy())
                .mark(scoring.today());
        return statements.fetch(sql, binds,
                        SqlPriorityRecomputation.rescored(sql, binds, scope, scoring.priorityPolicy(), scoring.today()),
                        RESCORED_ID, RESCORED_CUSTOMER, SCORE_BEFORE, SCORE_AFTER)
                .into(RESCORED_ID, RESCORED_CUSTOMER, SCORE_BEFORE, SCORE_AFTER)
                .map(r -> new ChangedRow(new ExecutionId(r.value1()), null, new CustomerId(r.value2()), r.value3(),
                        r.value4()));
    }

    /** The daily interpretation statement, narrowed to the scope and run in this transaction (after the re-scoring). */
    private static List<ChangedRow> interpret(CatalogLoadSession session, WorkScope scope, Scoring scoring) {
        DSLContext sql = session.sql();
        PoolAssignmentSql.assign(sql, scope, scoring.signalPolicy(), scoring.today(), scoring.now());
        List<ChangedRow> created = SqlSignalInterpretation.created(sql, scope, scoring.signalPolicy(),
                        scoring.priorityPolicy(), scoring.today(), scoring.now())
                .fetch(r -> new ChangedRow(new ExecutionId(r.value1()), new DefinitionId(r.value2()),
                        new CustomerId(r.value3()), null, r.value4()));
        // The stored markers of the customers that got new work (BlockedMarker), after the session's commit.
        scope.organization().ifPresent(o -> session.executionsCreatedFor(o.value(),
                created.stream().map(c -> c.customer().value()).collect(Collectors.toCollection(java.util.TreeSet::new))));
        return created;
    }

    /** The stored row's organization and version, locked for this transaction; null when there is none. */
    private static Record2<UUID, Long> lock(DSLContext sql, Table<?> table, Field<UUID> id, Field<UUID> organization,
            Field<Long> version, UUID value) {
        return sql.select(organization, version).from(table).where(id.eq(value)).forUpdate().fetchOne();
    }

    private static long version(DSLContext sql, Table<?> table, Field<UUID> id, Field<UUID> organization,
            Field<Long> version, UUID value, UUID organizationValue) {
        return sql.select(version).from(table).where(organization.eq(organizationValue)).and(id.eq(value))
                .fetchSingle().value1();
    }

    /** Another organization's id, or a version that is not the expected one: nothing is written. */
    private static Optional<Outcome> precondition(Record2<UUID, Long> stored, OrganizationId organization,
            OptionalLong expected) {
        if (stored != null && !stored.value1().equals(organization.value())) {
            return Optional.of(new Outcome.Foreign());
        }
        if (expected.isPresent()) {
            if (stored == null) {
                return Optional.of(new Outcome.Stale(OptionalLong.empty()));
            }
            if (stored.value2() != expected.getAsLong()) {
                return Optional.of(new Outcome.Stale(OptionalLong.of(stored.value2())));
            }
        }
        return Optional.empty();
    }

    private static Outcome refusal(Problem problem) {
        String field = problem.field().replaceFirst("^\\.", "");
        if (field.equals("id")) {
            return new Outcome.Foreign();
        }
        return new Outcome.Refused(new Problem(field.isEmpty() ? "body" : field, problem.reason()));
    }
}
