package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.CUSTOMER_PROPERTIES;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITIONS;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTION_EVENTS;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import dev.orchestrator.core.application.port.out.SignalLifecycle;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.core.domain.workflow.TriggerConditions;
import dev.orchestrator.persistence.jooq.tables.CustomerProperties;
import dev.orchestrator.persistence.jooq.tables.WorkflowDefinitions;
import dev.orchestrator.persistence.jooq.tables.WorkflowExecutions;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Record3;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * {@link SignalLifecycle} in PostgreSQL: each rule is ONE statement, a CTE chain of
 * <ol>
 * <li>{@code r}: the executions the rule acts on, each with its customer's scores ({@link SignalSql}, the
 * properties LEFT JOINed) and what the rule ({@link LifecycleRuleSql}) decides for it; rows for which
 * nothing changes are not selected, so a second run on the same day writes nothing;</li>
 * <li>{@code updated}: one UPDATE of those rows, guarded by the version and status read in {@code r}
 * (a CSM's concurrent transition wins: PostgreSQL re-checks the guard on the new row and skips it);</li>
 * <li>{@code events}: one event per closed or woken execution, with no actor (the system acted);</li>
 * <li>the counts.</li>
 * </ol>
 * Counting a run moves neither {@code version} nor {@code updated_at}: the count is the rule's own
 * bookkeeping, and bumping the version would make CSMs' in-flight transitions conflict after every run.
 * Closing and waking are transitions: they do.
 */
final class SqlSignalLifecycle implements SignalLifecycle {

    private static final WorkflowExecutions E = WORKFLOW_EXECUTIONS.as("e");
    private static final WorkflowDefinitions D = WORKFLOW_DEFINITIONS.as("d");
    private static final CustomerProperties P = CUSTOMER_PROPERTIES.as("p");
    private static final WorkflowExecutions W = WORKFLOW_EXECUTIONS;

    private final DSLContext sql;
    /** {@link #wokenEarly}, read with every list page and queue read: rendered once. */
    private final RenderedOnce statements;

    SqlSignalLifecycle(DSLContext sql) {
        this.sql = sql;
        this.statements = new RenderedOnce(sql);
    }

    @Override
    public AutoCloseReport autoClose(Optional<OrganizationId> organization, SignalPolicy policy, LocalDate today,
            Instant now) {
        Record3<Long, Long, Long> counts = sql.transactionResult(tx ->
                autoCloseStatement(tx.dsl(), organization, policy, today, now).fetchSingle());
        if (counts.value3() > 0) {
            // A close unmarks the closed row and may release its customer's dependents: the stored
            // markers of the customers of the rows closed (their 'skip' events at now), after the commit
            // under the markers' locks (MarkerLocks). The release's events are the use case's next step
            // (releaseClosedAt).
            BlockedMarker.refreshWhereEventsAt(sql, organization, now);
        }
        return new AutoCloseReport(counts.value1(), counts.value2(), counts.value3());
    }

    @Override
    public long wakeEarly(Optional<OrganizationId> organization, SignalPolicy policy, Instant now) {
        return wakeStatement(organization, policy, now).fetchSingle().value1();
    }

    @Override
    public Map<ExecutionId, WokenEarly> wokenEarly(OrganizationId organization, Collection<ExecutionId> executions) {
        Map<ExecutionId, WokenEarly> found = new HashMap<>();
        if (executions.isEmpty()) {
            return found;
        }
        RenderedOnce.Binds binds = new RenderedOnce.Binds("woken");
        var query = sql.select(W.ID, W.SNOOZE_RISK_SCORE, W.WOKEN_RISK_SCORE).from(W)
                .where(W.ORGANIZATION_ID.eq(binds.val(organization.value(), W.ORGANIZATION_ID)))
                .and(W.ID.eq(DSL.any(binds.val(executions.stream().map(ExecutionId::value).toArray(UUID[]::new),
                        SQLDataType.UUID.array()))))
                .and(W.STATUS.eq(inline(ExecutionStatus.NOT_STARTED, W.STATUS)))
                .and(W.SNOOZE_RISK_SCORE.isNotNull()).and(W.WOKEN_RISK_SCORE.isNotNull());
        statements.fetch(binds, query, W.ID, W.SNOOZE_RISK_SCORE, W.WOKEN_RISK_SCORE).into(W.ID, W.SNOOZE_RISK_SCORE, W.WOKEN_RISK_SCORE)
                .forEach(r -> found.put(ExecutionId.of(r.value1()), new WokenEarly(r.value2(), r.value3())));
        return found;
    }

    // The columns of the CTEs below, by name.
    private static final Field<UUID> A_ORG = DSL.field(name("a", "organization_id"), SQLDataType.UUID);
    private static final Field<UUID> A_ID = DSL.field(name("a", "id"), SQLDataType.UUID);
    private static final Field<Long> A_AFTER_RUNS = DSL.field(name("a", "after_runs"), SQLDataType.BIGINT);
    private static final Field<BigDecimal> S_OPPORTUNITY_MIN = DSL.field(name("s", "opportunity_min"), SQLDataType.NUMERIC);
    private static final Field<BigDecimal> S_RISK_MIN = DSL.field(name("s", "risk_min"), SQLDataType.NUMERIC);
    private static final Field<Long> S_MARGIN = DSL.field(name("s", "margin"), SQLDataType.BIGINT);
    private static final Field<Long> S_AFTER_RUNS = DSL.field(name("s", "after_runs"), SQLDataType.BIGINT);
    private static final Field<Integer> S_OPPORTUNITY = DSL.field(name("s", "opportunity"), SQLDataType.INTEGER);
    private static final Field<Integer> S_RISK = DSL.field(name("s", "risk"), SQLDataType.INTEGER);
    private static final Field<Integer> S_RUNS = DSL.field(name("s", "auto_close_runs"), SQLDataType.INTEGER);
    private static final Field<LocalDate> S_COUNTED_ON =
            DSL.field(name("s", "auto_close_counted_on"), SQLDataType.LOCALDATE);

    /**
     * The auto-close statement (package-private for plan tests and the benchmark): {@code a}, each
     * definition's thresholds and auto-close settings read out of its JSON once; {@code s}, the candidates
     * with their customers' scores; then the decision, the UPDATE and the events. Both CTEs are
     * MATERIALIZED: inlined, PostgreSQL would re-read the JSON and re-score the customer for every row
     * and every use (41 s instead of seconds for 337k candidates at 1M executions, docs/performance.md).
     */
    ResultQuery<Record3<Long, Long, Long>> autoCloseStatement(Optional<OrganizationId> organization,
            SignalPolicy policy, LocalDate today, Instant now) {
        return autoCloseStatement(sql, organization, policy, today, now);
    }

    private static ResultQuery<Record3<Long, Long, Long>> autoCloseStatement(DSLContext sql,
            Optional<OrganizationId> organization, SignalPolicy policy, LocalDate today, Instant now) {
        var settings = autoCloseSettings(organization, DefinitionOverrides.NONE);
        // Rows of definitions without auto-close only matter when they still hold a count to reset.
        var scored = autoCloseCandidates(organization, policy,
                A_AFTER_RUNS.isNotNull().or(E.AUTO_CLOSE_RUNS.gt(inline(0))));

        Field<LocalDate> day = DSL.val(today, W.AUTO_CLOSE_COUNTED_ON);
        Field<OffsetDateTime> at = DSL.val(Codes.timestamp(now), W.UPDATED_AT);
        Condition cleared = LifecycleRuleSql.cleared(S_OPPORTUNITY, S_OPPORTUNITY_MIN, S_RISK, S_RISK_MIN, S_MARGIN,
                S_AFTER_RUNS);
        Condition counts = LifecycleRuleSql.counts(cleared, S_COUNTED_ON, day);
        Field<Long> runsAfter = S_RUNS.cast(SQLDataType.BIGINT).plus(inline(1L));
        Condition closes = counts.and(runsAfter.ge(S_AFTER_RUNS));
        var rows = DSL.select(DSL.field(name("s", "organization_id")), DSL.field(name("s", "id")),
                        DSL.field(name("s", "version")), DSL.field(cleared).as("cleared"), DSL.field(closes).as("closes"),
                        LifecycleRuleSql.reason(S_OPPORTUNITY, S_OPPORTUNITY_MIN, S_RISK, S_RISK_MIN, S_MARGIN, runsAfter)
                                .as("reason"))
                .from(DSL.table(name("s")))
                .where(counts.or(DSL.not(cleared).and(S_RUNS.gt(inline(0)))));

        return sql.resultQuery("""
                        WITH a AS MATERIALIZED ({6}),
                        s AS MATERIALIZED ({7}),
                        r AS ({0}),
                        updated AS (
                          UPDATE workflow_executions w SET
                            auto_close_runs = CASE WHEN r.cleared THEN w.auto_close_runs + 1 ELSE 0 END,
                            auto_close_counted_on = CASE WHEN r.cleared THEN {1} ELSE w.auto_close_counted_on END,
                            status = CASE WHEN r.closes THEN {2} ELSE w.status END,
                            skipped_at = CASE WHEN r.closes THEN {3} ELSE w.skipped_at END,
                            skip_reason = CASE WHEN r.closes THEN r.reason ELSE w.skip_reason END,
                            version = CASE WHEN r.closes THEN w.version + 1 ELSE w.version END,
                            updated_at = CASE WHEN r.closes THEN {3} ELSE w.updated_at END
                          FROM r
                          WHERE w.organization_id = r.organization_id AND w.id = r.id
                            AND w.version = r.version AND w.status = {4}
                          RETURNING w.organization_id, w.id, w.skip_reason, r.cleared, r.closes),
                        events AS (
                          INSERT INTO workflow_execution_events
                            (organization_id, execution_id, action, from_status, to_status, reason, occurred_at)
                          SELECT organization_id, id, {5}, {4}, {2}, skip_reason, {3} FROM updated WHERE closes)
                        SELECT count(*) FILTER (WHERE cleared), count(*) FILTER (WHERE NOT cleared),
                               count(*) FILTER (WHERE closes)
                        FROM updated""",
                        rows, day, inline(ExecutionStatus.SKIPPED, W.STATUS), at,
                        inline(ExecutionStatus.NOT_STARTED, W.STATUS),
                        inline(Action.SKIP, WORKFLOW_EXECUTION_EVENTS.ACTION), settings, scored)
                .coerce(DSL.field(name("counted"), SQLDataType.BIGINT), DSL.field(name("reset"), SQLDataType.BIGINT),
                        DSL.field(name("closed"), SQLDataType.BIGINT));
    }

    /** {@code a}: each definition's thresholds and auto-close settings, read out of its JSON once. */
    private static org.jooq.Select<?> autoCloseSettings(Optional<OrganizationId> organization,
            DefinitionOverrides definitions) {
        Field<JSONB> conditions = definitions.conditions(D.TRIGGER_CONDITIONS);
        return DSL.select(D.ORGANIZATION_ID, D.ID,
                        TriggerSql.decimal(conditions, TriggerConditions.OPPORTUNITY_SCORE_MIN).as("opportunity_min"),
                        TriggerSql.decimal(conditions, TriggerConditions.RISK_SCORE_MIN).as("risk_min"),
                        LifecycleRuleSql.margin(conditions).as("margin"),
                        LifecycleRuleSql.afterRuns(conditions).as("after_runs"))
                .from(definitions.joinedTo(D, D.ID))
                .where(organization.map(o -> D.ORGANIZATION_ID.eq(o.value())).orElse(DSL.noCondition()));
    }

    /** {@code s}: the auto-close candidates (signal-created, not started) with their customers' scores. */
    private static org.jooq.Select<?> autoCloseCandidates(Optional<OrganizationId> organization, SignalPolicy policy,
            Condition also) {
        SignalSql signals = new SignalSql(P, EntrySql.strongContactOf(E.ORGANIZATION_ID, E.CUSTOMER_ID));
        return DSL.select(E.ORGANIZATION_ID, E.ID, E.WORKFLOW_DEFINITION_ID, E.VERSION, E.AUTO_CLOSE_RUNS,
                        E.AUTO_CLOSE_COUNTED_ON, DSL.field(name("a", "opportunity_min")), DSL.field(name("a", "risk_min")),
                        DSL.field(name("a", "margin")), A_AFTER_RUNS,
                        signals.opportunity(policy).as("opportunity"), signals.risk(policy).as("risk"))
                .from(E)
                .join(DSL.table(name("a"))).on(A_ORG.eq(E.ORGANIZATION_ID)).and(A_ID.eq(E.WORKFLOW_DEFINITION_ID))
                .leftJoin(P).on(P.ORGANIZATION_ID.eq(E.ORGANIZATION_ID)).and(P.CUSTOMER_ID.eq(E.CUSTOMER_ID))
                // The literals match the partial index workflow_executions_auto_close_candidates.
                .where(E.STATUS.eq(inline(ExecutionStatus.NOT_STARTED, E.STATUS)))
                .and(E.CREATED_BY_SIGNALS.eq(inline(true))).and(E.IS_DEMO.eq(inline(false)))
                .and(organization.map(o -> E.ORGANIZATION_ID.eq(o.value())).orElse(DSL.noCondition()))
                .and(also);
    }

    /**
     * The read-only form of the auto-close, for a what-if: per definition, how many of the organization's
     * open signal-created executions (of {@code csms}, when given) the next daily run would close, their
     * signals staying as they are ({@code AutoCloseRule#closesAtNextRun}: cleared, and one more count
     * reaches {@code after_runs}), under {@code policy} and with {@code definitions} in place of the stored ones.
     */
    static ResultQuery<Record2<UUID, Long>> wouldClose(DSLContext sql, OrganizationId organization,
            Optional<Set<ProfileId>> csms, SignalPolicy policy, DefinitionOverrides definitions) {
        Optional<OrganizationId> org = Optional.of(organization);
        Condition ofCsms = csms.map(c -> E.ASSIGNED_CSM_ID.eq(DSL.any(c.stream().map(ProfileId::value)
                .toArray(UUID[]::new)))).orElse(DSL.noCondition());
        Condition cleared = LifecycleRuleSql.cleared(S_OPPORTUNITY, S_OPPORTUNITY_MIN, S_RISK, S_RISK_MIN, S_MARGIN,
                S_AFTER_RUNS);
        Field<UUID> definition = DSL.field(name("s", "workflow_definition_id"), SQLDataType.UUID);
        var counted = DSL.select(definition, DSL.count().cast(SQLDataType.BIGINT).as("closed"))
                .from(DSL.table(name("s")))
                .where(cleared).and(S_RUNS.cast(SQLDataType.BIGINT).plus(inline(1L)).ge(S_AFTER_RUNS))
                .groupBy(definition)
                .orderBy(definition);
        return sql.resultQuery("WITH a AS MATERIALIZED ({0}), s AS MATERIALIZED ({1}) {2}",
                        autoCloseSettings(org, definitions),
                        autoCloseCandidates(org, policy, A_AFTER_RUNS.isNotNull().and(ofCsms)), counted)
                .coerce(DSL.field("workflow_definition_id", SQLDataType.UUID), DSL.field("closed", SQLDataType.BIGINT));
    }

    /** The early-wake statement (package-private for plan tests and the benchmark). */
    ResultQuery<Record1<Long>> wakeStatement(Optional<OrganizationId> organization, SignalPolicy policy,
            Instant now) {
        SignalSql signals = new SignalSql(P, EntrySql.strongContactOf(E.ORGANIZATION_ID, E.CUSTOMER_ID));
        Field<Integer> risk = signals.risk(policy);
        Field<Long> threshold = DSL.field(name("a", "wake_on_risk_increase"), SQLDataType.BIGINT);
        var settings = DSL.select(D.ORGANIZATION_ID, D.ID,
                        LifecycleRuleSql.wakeOnRiskIncrease(D.TRIGGER_CONDITIONS).as("wake_on_risk_increase"))
                .from(D)
                .where(organization.map(o -> D.ORGANIZATION_ID.eq(o.value())).orElse(DSL.noCondition()));
        Field<OffsetDateTime> at = DSL.val(Codes.timestamp(now), W.UPDATED_AT);
        var rows = DSL.select(E.ORGANIZATION_ID, E.ID, E.VERSION, risk.as("risk"))
                .from(E)
                .join(DSL.table(name("a"))).on(A_ORG.eq(E.ORGANIZATION_ID)).and(A_ID.eq(E.WORKFLOW_DEFINITION_ID))
                .leftJoin(P).on(P.ORGANIZATION_ID.eq(E.ORGANIZATION_ID)).and(P.CUSTOMER_ID.eq(E.CUSTOMER_ID))
                // The literal matches the partial index workflow_executions_snoozed_until.
                .where(E.STATUS.eq(inline(ExecutionStatus.SNOOZED, E.STATUS)))
                .and(organization.map(o -> E.ORGANIZATION_ID.eq(o.value())).orElse(DSL.noCondition()))
                .and(LifecycleRuleSql.wakes(threshold, E.SNOOZE_RISK_SCORE, risk));
        Field<Integer> before = DSL.field(name("snooze_risk_score"), SQLDataType.INTEGER);
        Field<Integer> after = DSL.field(name("woken_risk_score"), SQLDataType.INTEGER);
        return sql.resultQuery("""
                        WITH a AS MATERIALIZED ({6}),
                        r AS ({0}),
                        updated AS (
                          UPDATE workflow_executions w SET
                            status = {1}, snooze_until = NULL, snooze_days = NULL, snoozed_at = NULL,
                            woken_risk_score = r.risk, auto_close_runs = 0, auto_close_counted_on = NULL,
                            version = w.version + 1, updated_at = {2}
                          FROM r
                          WHERE w.organization_id = r.organization_id AND w.id = r.id
                            AND w.version = r.version AND w.status = {3}
                          RETURNING w.organization_id, w.id, w.snooze_risk_score, w.woken_risk_score),
                        events AS (
                          INSERT INTO workflow_execution_events
                            (organization_id, execution_id, action, from_status, to_status, reason, occurred_at)
                          SELECT organization_id, id, {4}, {3}, {1}, {5}, {2} FROM updated)
                        SELECT count(*) FROM updated""",
                        rows, inline(ExecutionStatus.NOT_STARTED, W.STATUS), at,
                        inline(ExecutionStatus.SNOOZED, W.STATUS), inline(Action.WAKE, WORKFLOW_EXECUTION_EVENTS.ACTION),
                        LifecycleRuleSql.wakeReason(before, after), settings)
                .coerce(DSL.field(name("woken"), SQLDataType.BIGINT));
    }
}
