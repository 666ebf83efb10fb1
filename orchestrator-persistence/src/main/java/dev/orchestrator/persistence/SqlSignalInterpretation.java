package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.CUSTOMERS;
import static dev.orchestrator.persistence.jooq.Tables.CUSTOMER_PROPERTIES;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITIONS;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTION_EVENTS;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.orchestrator.core.application.port.in.InterpretSignals;
import dev.orchestrator.core.application.port.out.SignalInterpretation;
import dev.orchestrator.core.domain.customer.CustomerDates;
import dev.orchestrator.core.domain.dependency.WhileOpen;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.ExecutionSteps;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.scope.WorkScope;
import dev.orchestrator.core.domain.signals.SignalField;
import dev.orchestrator.core.domain.signals.SignalInterpreter;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.core.domain.signals.SignalScores;
import dev.orchestrator.core.domain.workflow.TriggerConditions;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.persistence.jooq.tables.CustomerProperties;
import dev.orchestrator.persistence.jooq.tables.Customers;
import dev.orchestrator.persistence.jooq.tables.WorkflowDefinitions;
import dev.orchestrator.persistence.jooq.tables.WorkflowExecutions;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record2;
import org.jooq.Record3;
import org.jooq.Record4;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Scores every customer and creates the triggered executions, in ONE statement (a CTE chain):
 * <ol>
 * <li>{@code scored}: each customer's opportunity and risk scores ({@link SignalSql}; properties
 * LEFT JOINed, an EXISTS for a strong contact);</li>
 * <li>{@code candidates}: active, non-demo definitions with their thresholds read from
 * {@code trigger_conditions} ({@link TriggerSql}: a number, or a string that is a plain decimal;
 * anything else is "not named");</li>
 * <li>{@code inserted}: INSERT ... SELECT of every (customer, definition) where the definition
 * names a threshold and every named one is met, and no non-terminal execution exists, nor a
 * completed or skipped one still in its cooldown ({@code cooldown_days}, {@link LifecycleRuleSql}),
 * {@code ON CONFLICT ... DO NOTHING} on the one-active-per-customer-and-definition index,
 * RETURNING the new rows;</li>
 * <li>{@code events}: a 'create' event (no actor) for each returned row;</li>
 * <li>(date triggers) {@code scored} also carries the customer's renewal and review dates,
 * {@code candidates} the definition's windows ({@code renewal_within_days},
 * {@code annual_review_within_days}, read like the thresholds); a named window holds when
 * {@code abs(date − today) ≤ days}, {@code today} a literal from the caller's clock, and the new
 * row's {@code due_at} is the earliest watched date ({@link SignalInterpreter#dueDate});</li>
 * <li>(template steps) {@code scored} carries every signal, {@code candidates} the definition's
 * {@code steps}; a new row's {@code execution_data} is {@code {"steps": [...]}} with the steps whose
 * condition holds ({@link StepSql}), {@code {}} for a definition without steps;</li>
 * <li>the result: created counts per definition, with the definition's name.</li>
 * </ol>
 * Safe when two runs race: the unique index arbitrates, the loser of each row waits for the
 * winner's commit and then skips it, and rows are inserted in one key order so that two runs
 * cannot deadlock. Should PostgreSQL still report a deadlock or serialization failure, the
 * statement (idempotent by construction) is retried.
 */
final class SqlSignalInterpretation implements SignalInterpretation {

    private static final Customers C = CUSTOMERS.as("c");
    private static final CustomerProperties P = CUSTOMER_PROPERTIES.as("p");
    private static final WorkflowDefinitions DEF = WORKFLOW_DEFINITIONS.as("def");
    private static final WorkflowExecutions W = WORKFLOW_EXECUTIONS;
    private static final WorkflowExecutions X = WORKFLOW_EXECUTIONS.as("x");

    private static final Table<?> SCORED = table(name("scored")).as("s");
    private static final Field<UUID> S_ORG = field(name("s", "organization_id"), SQLDataType.UUID);
    private static final Field<UUID> S_CUSTOMER = field(name("s", "customer_id"), SQLDataType.UUID);
    private static final Field<UUID> S_CSM = field(name("s", "csm_id"), SQLDataType.UUID);
    private static final Field<Short> S_TIER = field(name("s", "revenue_impact_tier"), SQLDataType.SMALLINT);
    private static final Field<Short> S_CHURN = field(name("s", "churn_risk_score"), SQLDataType.SMALLINT);
    private static final Field<Short> S_USAGE = field(name("s", "usage_score"), SQLDataType.SMALLINT);
    private static final Field<Integer> S_OPPORTUNITY = field(name("s", "opportunity"), SQLDataType.INTEGER);
    private static final Field<Integer> S_RISK = field(name("s", "risk"), SQLDataType.INTEGER);
    private static final Field<LocalDate> S_RENEWAL = field(name("s", "renewal_date"), SQLDataType.LOCALDATE);
    private static final Field<LocalDate> S_REVIEW = field(name("s", "annual_review_date"), SQLDataType.LOCALDATE);

    private static final Table<?> CANDIDATES = table(name("candidates")).as("d");
    private static final Field<UUID> D_ORG = field(name("d", "organization_id"), SQLDataType.UUID);
    private static final Field<UUID> D_ID = field(name("d", "id"), SQLDataType.UUID);
    private static final Field<WorkflowType> D_TYPE =
            field(name("d", "workflow_type"), WORKFLOW_DEFINITIONS.WORKFLOW_TYPE.getDataType());
    private static final Field<Integer> D_WEIGHT = field(name("d", "priority_weight"), SQLDataType.INTEGER);
    private static final Field<BigDecimal> D_OPPORTUNITY_MIN = field(name("d", "opportunity_min"), SQLDataType.NUMERIC);
    private static final Field<BigDecimal> D_RISK_MIN = field(name("d", "risk_min"), SQLDataType.NUMERIC);
    private static final Field<BigDecimal> D_RENEWAL_WITHIN = field(name("d", "renewal_within"), SQLDataType.NUMERIC);
    private static final Field<BigDecimal> D_REVIEW_WITHIN = field(name("d", "review_within"), SQLDataType.NUMERIC);
    private static final Field<Integer> D_COOLDOWN_DAYS = field(name("d", "cooldown_days"), SQLDataType.INTEGER);
    private static final Field<JSONB> D_STEPS = field(name("d", "steps"), SQLDataType.JSONB);
    private static final WorkflowExecutions Y = WORKFLOW_EXECUTIONS.as("y");
    /** A 'wait' dependency of the candidate, and its prerequisite as another row of {@code candidates}. */
    private static final dev.orchestrator.persistence.jooq.tables.WorkflowDefinitionDependencies W_DEP =
            dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITION_DEPENDENCIES.as("w");
    private static final Table<?> PRE = table(name("candidates")).as("pre");
    private static final Field<UUID> PRE_ORG = field(name("pre", "organization_id"), SQLDataType.UUID);
    private static final Field<UUID> PRE_ID = field(name("pre", "id"), SQLDataType.UUID);
    private static final Field<BigDecimal> PRE_OPPORTUNITY_MIN = field(name("pre", "opportunity_min"), SQLDataType.NUMERIC);
    private static final Field<BigDecimal> PRE_RISK_MIN = field(name("pre", "risk_min"), SQLDataType.NUMERIC);
    private static final Field<BigDecimal> PRE_RENEWAL_WITHIN = field(name("pre", "renewal_within"), SQLDataType.NUMERIC);
    private static final Field<BigDecimal> PRE_REVIEW_WITHIN = field(name("pre", "review_within"), SQLDataType.NUMERIC);
    private static final Field<Integer> PRE_COOLDOWN_DAYS = field(name("pre", "cooldown_days"), SQLDataType.INTEGER);

    private static final Table<?> INSERTED = table(name("inserted"));
    private static final Field<UUID> I_ID = field(name("inserted", "id"), SQLDataType.UUID);
    private static final Field<UUID> I_ORG = field(name("inserted", "organization_id"), SQLDataType.UUID);

    private static final String DEADLOCK = "40P01";
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final int ATTEMPTS = 3;

    private final DSLContext sql;

    SqlSignalInterpretation(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public InterpretSignals.Report interpret(WorkScope scope, SignalPolicy signalPolicy,
            PriorityPolicy priorityPolicy, LocalDate today, Instant now) {
        InterpretSignals.Report created = null;
        for (int attempt = 1; created == null; attempt++) {
            try {
                // Customers without a CSM get theirs from the pool first, in the same transaction.
                created = sql.transactionResult(tx -> {
                    PoolAssignmentSql.assign(tx.dsl(), scope, signalPolicy, today, now);
                    if (scope.customers().isEmpty()) {
                        planAsBatch(tx.dsl());
                    }
                    InterpretSignals.Report report = new InterpretSignals.Report(statement(tx.dsl(), scope,
                            signalPolicy, priorityPolicy, today, now).fetch(r -> new InterpretSignals.Created(
                            DefinitionId.of(r.value1()), r.value2(), r.value3())));
                    if (scope.customers().isEmpty()) {
                        planAsUsual(tx.dsl());
                    }
                    return report;
                });
            } catch (DataAccessException e) {
                String state = e.sqlState();
                if (attempt >= ATTEMPTS || !(DEADLOCK.equals(state) || SERIALIZATION_FAILURE.equals(state))) {
                    throw e;
                }
            }
        }
        if (created.total() > 0) {
            // After the commit (outside the retries: a second run would create nothing, so refresh
            // nothing), under the markers' locks (MarkerLocks): the customers that got new work.
            // A signal write for some customers refreshes those (their locks, not the organization's).
            if (scope.customers().isPresent()) {
                BlockedMarker.refreshAfterCommit(sql, new BlockedMarker.OfCustomers(scope.organization().orElseThrow().value(),
                        scope.customers().get().stream().map(CustomerId::value).toList()));
            } else {
                BlockedMarker.refreshWhereEventsAt(sql, scope.organization(), now);
            }
        }
        return created;
    }

    /**
     * Settings for the statement over a whole organization or database (the daily run), in its own
     * transaction only. The planner cannot estimate how many (customer, definition) pairs the trigger
     * thresholds let through (they are read from JSON): at 1M customers it expected 1,406 where 1.47M
     * came, and so checked each pair against the open and recently closed executions by one index probe
     * (1.47M probes, ~60 % of the run). Without nested loops it builds one hash of the open executions
     * and one of the closed ones instead (docs/performance.md, "interpret-signals over 1M customers,
     * fixed"); the thresholds' subplans are not joins and keep their index probes. JIT is off for the
     * reason {@link SqlAnalytics} gives (seconds of compiling, nothing gained at this size), and the
     * hashes get the memory to stay in one batch (1.5M open executions: ~110 MB with PostgreSQL's
     * default hash_mem_multiplier of 2). A signal write for a few customers keeps the default plan.
     */
    static void planAsBatch(DSLContext sql) {
        BATCH_SETTINGS.forEach(sql::execute);
    }

    /** Back to the session's settings for what follows in the transaction (the markers' refresh, by index). */
    static void planAsUsual(DSLContext sql) {
        BATCH_PLANNER.forEach(setting -> sql.execute("RESET " + setting.name()));
    }

    /** One planner setting {@link #planAsBatch} gives the statement. */
    private record PlannerSetting(String name, String value) {
    }

    private static final List<PlannerSetting> BATCH_PLANNER = List.of(new PlannerSetting("enable_nestloop", "off"),
            new PlannerSetting("jit", "off"), new PlannerSetting("work_mem", "'64MB'"));

    static final List<String> BATCH_SETTINGS = BATCH_PLANNER.stream()
            .map(setting -> "SET LOCAL " + setting.name() + " = " + setting.value()).toList();

    /**
     * The statement {@link #interpret} runs. {@code today} (a UTC date) decides the date windows and
     * the due rule of the new rows' scores; a new execution is never snoozed.
     */
    ResultQuery<Record3<UUID, String, Long>> statement(Optional<OrganizationId> organization,
            SignalPolicy signalPolicy, PriorityPolicy priorityPolicy, LocalDate today, Instant now) {
        return statement(sql, WorkScope.of(organization), signalPolicy, priorityPolicy, today, now);
    }

    /** The statement for a scope, on {@code sql} (the context of an open transaction, for example). */
    static ResultQuery<Record3<UUID, String, Long>> statement(DSLContext sql, WorkScope scope,
            SignalPolicy signalPolicy, PriorityPolicy priorityPolicy, LocalDate today, Instant now) {
        return chain(sql, scope, signalPolicy, priorityPolicy, today, now, """
                        SELECT i.workflow_definition_id, def.name, count(*)
                        FROM inserted i
                        JOIN workflow_definitions def
                          ON def.organization_id = i.organization_id AND def.id = i.workflow_definition_id
                        GROUP BY i.workflow_definition_id, def.name
                        ORDER BY i.workflow_definition_id""")
                .coerce(field("workflow_definition_id", SQLDataType.UUID), field("name", SQLDataType.VARCHAR),
                        field("count", SQLDataType.BIGINT));
    }

    /**
     * The same statement answering each execution it created, in id order: id, definition, customer,
     * priority score (for a write that reports what it created, without reading the open executions
     * before and after).
     */
    static ResultQuery<Record4<UUID, UUID, UUID, Integer>> created(DSLContext sql, WorkScope scope,
            SignalPolicy signalPolicy, PriorityPolicy priorityPolicy, LocalDate today, Instant now) {
        return chain(sql, scope, signalPolicy, priorityPolicy, today, now,
                "SELECT id, workflow_definition_id, customer_id, priority_score FROM inserted ORDER BY id")
                .coerce(field("id", SQLDataType.UUID), field("workflow_definition_id", SQLDataType.UUID),
                        field("customer_id", SQLDataType.UUID), field("priority_score", SQLDataType.INTEGER));
    }

    /** The CTE chain, then {@code select} over {@code inserted}. */
    private static ResultQuery<org.jooq.Record> chain(DSLContext sql, WorkScope scope, SignalPolicy signalPolicy,
            PriorityPolicy priorityPolicy, LocalDate today, Instant now, String select) {
        Field<OffsetDateTime> at = DSL.val(Codes.timestamp(now), W.CREATED_AT);
        List<Field<?>> active = List.copyOf(Codes.inlineStatuses(W.STATUS, ExecutionStatus.ACTIVE));
        var scored = scored(scope, signalPolicy, DSL.noCondition());
        var candidates = candidates(scope);
        Field<OffsetDateTime> dueAt = dueAt();
        Field<Integer> priority = PrioritySql.activeScore(priorityPolicy, today,
                new PrioritySql.Inputs(null, null, D_TYPE, D_WEIGHT, S_TIER, S_CHURN, S_USAGE, dueAt));
        var insert = sql.insertInto(W, W.ORGANIZATION_ID, W.WORKFLOW_DEFINITION_ID, W.CUSTOMER_ID, W.ASSIGNED_CSM_ID,
                        W.STATUS, W.PRIORITY_SCORE, W.EXECUTION_DATA, W.IS_DEMO, W.VERSION, W.CREATED_AT, W.UPDATED_AT,
                        W.DUE_AT, W.CREATED_BY_SIGNALS)
                .select(DSL.select(S_ORG, D_ID, S_CUSTOMER, S_CSM,
                                inline(ExecutionStatus.NOT_STARTED, W.STATUS), priority,
                                executionData(today), inline(false), inline(0L), at, at, dueAt,
                                inline(true))
                        .from(SCORED)
                        .join(CANDIDATES).on(D_ORG.eq(S_ORG))
                        // A customer still without a CSM (no pool, or an empty one) waits for one.
                        .where(creates(today, at, active)).and(S_CSM.isNotNull())
                        // One key order for every run: concurrent runs queue up instead of deadlocking.
                        .orderBy(S_ORG, S_CUSTOMER, D_ID))
                .onConflict(W.ORGANIZATION_ID, W.CUSTOMER_ID, W.WORKFLOW_DEFINITION_ID)
                .where(W.STATUS.in(active))
                .doNothing()
                .returningResult(W.ID, W.ORGANIZATION_ID, W.WORKFLOW_DEFINITION_ID, W.CUSTOMER_ID, W.PRIORITY_SCORE);

        var events = sql.insertInto(WORKFLOW_EXECUTION_EVENTS, WORKFLOW_EXECUTION_EVENTS.ORGANIZATION_ID,
                        WORKFLOW_EXECUTION_EVENTS.EXECUTION_ID, WORKFLOW_EXECUTION_EVENTS.ACTION,
                        WORKFLOW_EXECUTION_EVENTS.TO_STATUS, WORKFLOW_EXECUTION_EVENTS.OCCURRED_AT)
                .select(DSL.select(I_ORG, I_ID,
                                inline(Action.CREATE, WORKFLOW_EXECUTION_EVENTS.ACTION),
                                inline(ExecutionStatus.NOT_STARTED, WORKFLOW_EXECUTION_EVENTS.TO_STATUS),
                                at)
                        .from(INSERTED));

        // Each customer's scores and each definition's thresholds computed once, not once per
        // (customer, definition) pair of the join: inlined, both were re-evaluated per pair (~35 % of a
        // 1,000-customer chunk's statement; at 1M customers 2.17M strong-contact probes for 1M
        // customers, where materialized the contacts are read once into a hash).
        return sql.resultQuery("WITH scored AS MATERIALIZED ({0}), candidates AS MATERIALIZED"
                + " ({1}), inserted AS ({2}), events AS ({3})\n" + select, scored, candidates, insert, events);
    }

    /** {@code scored}: each customer in scope (and matching {@code customers}) with its signal scores and dates. */
    static org.jooq.SelectConditionStep<?> scored(WorkScope scope, SignalPolicy signalPolicy,
            Condition customers) {
        Optional<OrganizationId> organization = scope.organization();
        // Narrowed to a few customers (a signal write), probe contacts per customer: the EXISTS form
        // may be planned as a hashed subplan reading every strong contact on the server.
        SignalSql signals = new SignalSql(P, scope.customers().isPresent()
                ? EntrySql.strongContactProbe(C.ORGANIZATION_ID, C.ID)
                : EntrySql.strongContactOf(C.ORGANIZATION_ID, C.ID));
        List<Field<?>> columns = new java.util.ArrayList<>(List.of(C.ORGANIZATION_ID, C.ID.as("customer_id"), C.CSM_ID));
        // Every signal, by its column name: the priority rule reads three, the template steps' conditions any.
        for (SignalField signal : SignalField.values()) {
            columns.add(P.field(signal.columnName()));
        }
        columns.addAll(List.of(signals.opportunity(signalPolicy).as("opportunity"), signals.risk(signalPolicy).as("risk"),
                C.RENEWAL_DATE, C.ANNUAL_REVIEW_DATE));
        return DSL.select(columns)
                .from(C)
                .leftJoin(P).on(P.ORGANIZATION_ID.eq(C.ORGANIZATION_ID)).and(P.CUSTOMER_ID.eq(C.ID))
                .and(SqlPriorityRecomputation.customersIn(scope, P.CUSTOMER_ID))
                .where(organization.map(o -> C.ORGANIZATION_ID.eq(o.value())).orElse(DSL.noCondition()))
                .and(scope.customers().map(ids -> C.ID.eq(DSL.any(ids.stream().map(CustomerId::value)
                        .toArray(UUID[]::new)))).orElse(DSL.noCondition()))
                .and(customers);
    }

    /** {@code candidates}: the active, non-demo definitions in scope with their thresholds and windows. */
    static org.jooq.SelectConditionStep<?> candidates(WorkScope scope) {
        return candidates(scope, DefinitionOverrides.NONE);
    }

    /** The same, with a what-if's changed definitions in place of the stored ones of their ids. */
    private static org.jooq.SelectConditionStep<?> candidates(WorkScope scope, DefinitionOverrides overrides) {
        Optional<OrganizationId> organization = scope.organization();
        Field<JSONB> conditions = overrides.conditions(DEF.TRIGGER_CONDITIONS);
        return DSL.select(DEF.ORGANIZATION_ID, DEF.ID, overrides.type(DEF.WORKFLOW_TYPE).as("workflow_type"),
                        overrides.weight(DEF.PRIORITY_WEIGHT).as("priority_weight"),
                        TriggerSql.decimal(conditions, TriggerConditions.OPPORTUNITY_SCORE_MIN).as("opportunity_min"),
                        TriggerSql.decimal(conditions, TriggerConditions.RISK_SCORE_MIN).as("risk_min"),
                        TriggerSql.wholeNumber(conditions, TriggerConditions.RENEWAL_WITHIN_DAYS).as("renewal_within"),
                        TriggerSql.wholeNumber(conditions, TriggerConditions.ANNUAL_REVIEW_WITHIN_DAYS)
                                .as("review_within"),
                        LifecycleRuleSql.cooldownDays(conditions).as("cooldown_days"), DEF.STEPS)
                .from(overrides.joinedTo(DEF, DEF.ID))
                .where(overrides.active(DEF.IS_ACTIVE).eq(inline(true))).and(DEF.IS_DEMO.eq(inline(false)))
                .and(organization.map(o -> DEF.ORGANIZATION_ID.eq(o.value())).orElse(DSL.noCondition()))
                .and(scope.definition().map(d -> DEF.ID.eq(d.value())).orElse(DSL.noCondition()));
    }

    /**
     * The read-only form of the interpretation, for a what-if: how many executions it would create
     * now under {@code signalPolicy}, per definition. The same {@code scored} and {@code candidates}
     * and the same conditions as the INSERT's SELECT (the ON CONFLICT of the INSERT only matters
     * when two runs race), counted instead of inserted; {@code customers} narrows the customers
     * (a manager's reports' customers).
     */
    static ResultQuery<Record2<UUID, Long>> wouldCreate(DSLContext sql, WorkScope scope, SignalPolicy signalPolicy,
            DefinitionOverrides definitions, Condition customers, LocalDate today, Instant now) {
        Field<OffsetDateTime> at = DSL.val(Codes.timestamp(now), W.CREATED_AT);
        List<Field<?>> active = List.copyOf(Codes.inlineStatuses(W.STATUS, ExecutionStatus.ACTIVE));
        var counted = DSL.select(D_ID, DSL.count().cast(SQLDataType.BIGINT).as("created"))
                .from(SCORED)
                .join(CANDIDATES).on(D_ORG.eq(S_ORG))
                .where(creates(today, at, active))
                // A customer without a CSM gets work only where a pool will give it one.
                .and(S_CSM.isNotNull().or(DSL.exists(DSL.selectOne().from(dev.orchestrator.persistence.jooq.Tables.ORGANIZATIONS)
                        .where(dev.orchestrator.persistence.jooq.Tables.ORGANIZATIONS.ID.eq(S_ORG))
                        .and(DSL.field("cardinality({0})", Integer.class,
                                dev.orchestrator.persistence.jooq.Tables.ORGANIZATIONS.ASSIGNMENT_POOL).gt(0)))))
                .groupBy(D_ID)
                .orderBy(D_ID);
        return sql.resultQuery("WITH scored AS ({0}), candidates AS ({1}) {2}", scored(scope, signalPolicy, customers),
                        candidates(scope, definitions), counted)
                .coerce(field("id", SQLDataType.UUID), field("created", SQLDataType.BIGINT));
    }

    /**
     * Whether the interpretation creates an execution of (s, d): triggered, windows hold, none open, not
     * cooling, and no dependency that says 'wait' holds it back ({@code DependencyRule.waits}): neither
     * one that would block it now, nor one whose prerequisite this same statement triggers for s (it
     * cannot see its own inserts, so a prerequisite it creates counts as open, as the core's rule says).
     */
    static Condition creates(LocalDate today, Field<OffsetDateTime> at, List<Field<?>> active) {
        return triggered(D_ID, triggers(), windowsHold(today), at, active, D_COOLDOWN_DAYS)
                .andNot(DependencySql.waits(S_ORG, S_CUSTOMER, D_ID, at))
                .andNotExists(DSL.selectOne().from(W_DEP)
                        .join(PRE).on(PRE_ORG.eq(W_DEP.ORGANIZATION_ID)).and(PRE_ID.eq(W_DEP.PREREQUISITE_ID))
                        .where(W_DEP.ORGANIZATION_ID.eq(S_ORG)).and(W_DEP.DEFINITION_ID.eq(D_ID))
                        .and(W_DEP.WHILE_OPEN.eq(inline(WhileOpen.WAIT, W_DEP.WHILE_OPEN)))
                        .and(triggered(PRE_ID, triggers(PRE_OPPORTUNITY_MIN, PRE_RISK_MIN, PRE_RENEWAL_WITHIN,
                                        PRE_REVIEW_WITHIN),
                                windowsHold(today, PRE_RENEWAL_WITHIN, PRE_REVIEW_WITHIN), at, active,
                                PRE_COOLDOWN_DAYS)));
    }

    /** Triggered for (s, {@code definition}), its windows hold, none of it open, not cooling. */
    private static Condition triggered(Field<UUID> definition, Condition triggers, Condition windows,
            Field<OffsetDateTime> at, List<Field<?>> active, Field<Integer> cooldownDays) {
        return triggers
                .and(windows)
                .andNotExists(DSL.selectOne().from(X)
                        .where(X.ORGANIZATION_ID.eq(S_ORG)).and(X.CUSTOMER_ID.eq(S_CUSTOMER))
                        .and(X.WORKFLOW_DEFINITION_ID.eq(definition)).and(X.STATUS.in(active)))
                .andNotExists(cooling(at, definition, cooldownDays));
    }

    /**
     * {@link dev.orchestrator.core.domain.signals.CooldownRule}: a completed or skipped execution of the
     * pair closed less than the definition's cooldown ago (served by
     * workflow_executions_closed_by_customer_definition).
     */
    private static org.jooq.Select<?> cooling(Field<OffsetDateTime> now, Field<UUID> definition,
            Field<Integer> cooldownDays) {
        Field<OffsetDateTime> closedAt = DSL.when(Y.STATUS.eq(inline(ExecutionStatus.COMPLETED, Y.STATUS)), Y.COMPLETED_AT)
                .otherwise(Y.SKIPPED_AT);
        return DSL.selectOne().from(Y)
                .where(Y.ORGANIZATION_ID.eq(S_ORG)).and(Y.CUSTOMER_ID.eq(S_CUSTOMER))
                .and(Y.WORKFLOW_DEFINITION_ID.eq(definition))
                .and(Y.STATUS.in(Codes.inlineStatuses(Y.STATUS,
                        java.util.EnumSet.of(ExecutionStatus.COMPLETED, ExecutionStatus.SKIPPED))))
                .and(LifecycleRuleSql.cooling(closedAt, cooldownDays, now));
    }

    /**
     * {@link SignalInterpreter#triggers}: at least one threshold named, and each named one met
     * (score ≥ minimum, compared as decimals).
     */
    private static Condition triggers() {
        return triggers(D_OPPORTUNITY_MIN, D_RISK_MIN, D_RENEWAL_WITHIN, D_REVIEW_WITHIN);
    }

    private static Condition triggers(Field<BigDecimal> opportunityMin, Field<BigDecimal> riskMin,
            Field<BigDecimal> renewalWithin, Field<BigDecimal> reviewWithin) {
        Field<BigDecimal> opportunity = S_OPPORTUNITY.coerce(SQLDataType.NUMERIC);
        Field<BigDecimal> risk = S_RISK.coerce(SQLDataType.NUMERIC);
        return opportunityMin.isNotNull().or(riskMin.isNotNull())
                .or(renewalWithin.isNotNull()).or(reviewWithin.isNotNull())
                .and(opportunityMin.isNull().or(opportunity.ge(opportunityMin)))
                .and(riskMin.isNull().or(risk.ge(riskMin)));
    }

    /**
     * The date part of {@link SignalInterpreter#triggers(TriggerConditions, SignalScores, CustomerDates,
     * LocalDate)}: each named window holds ({@code abs(date − today) ≤ days}); an unknown date
     * makes the comparison NULL, i.e. not met.
     */
    private static Condition windowsHold(LocalDate today) {
        return windowsHold(today, D_RENEWAL_WITHIN, D_REVIEW_WITHIN);
    }

    private static Condition windowsHold(LocalDate today, Field<BigDecimal> renewalWithin, Field<BigDecimal> reviewWithin) {
        return renewalWithin.isNull().or(daysFromToday(S_RENEWAL, today).le(renewalWithin))
                .and(reviewWithin.isNull().or(daysFromToday(S_REVIEW, today).le(reviewWithin)));
    }

    /**
     * A new execution's data: {@code {}}, or {@code {"steps": [...]}} with the definition's template
     * steps whose condition holds for the customer ({@link StepSql}); the steps are only looked at for a
     * definition that has some.
     */
    private static Field<JSONB> executionData(LocalDate today) {
        Field<JSONB> steps = StepSql.instantiated(D_STEPS, S_OPPORTUNITY, S_RISK,
                signal -> field(name("s", signal.columnName())), today);
        return DSL.when(DSL.field("jsonb_array_length({0})", SQLDataType.INTEGER, D_STEPS).eq(inline(0)),
                        inline(JSONB.valueOf("{}"), W.EXECUTION_DATA))
                .otherwise(DSL.field("jsonb_build_object({0}, {1})", SQLDataType.JSONB,
                        inline(ExecutionSteps.STEPS), steps));
    }

    /** {@code abs(date − today)} in days, as NUMERIC to compare with a window read from JSON. */
    private static Field<BigDecimal> daysFromToday(Field<LocalDate> date, LocalDate today) {
        return DSL.field("abs({0} - {1})::numeric", SQLDataType.NUMERIC, date, inline(today));
    }

    /**
     * {@link SignalInterpreter#dueDate} at the start of its UTC day: the earliest date a named
     * window watches ({@code LEAST} skips NULLs), NULL when none is named.
     */
    private static Field<OffsetDateTime> dueAt() {
        return DSL.field("(least(CASE WHEN {0} IS NOT NULL THEN {1} END, CASE WHEN {2} IS NOT NULL THEN {3} END)"
                        + "::timestamp AT TIME ZONE 'UTC')", W.DUE_AT.getDataType(),
                D_RENEWAL_WITHIN, S_RENEWAL, D_REVIEW_WITHIN, S_REVIEW);
    }
}
