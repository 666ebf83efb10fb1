package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.CUSTOMERS;
import static dev.orchestrator.persistence.jooq.Tables.CUSTOMER_PROPERTIES;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITIONS;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS;

import dev.orchestrator.core.application.port.in.RecomputePriorities;
import dev.orchestrator.core.application.port.out.PriorityRecomputation;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.scope.WorkScope;
import dev.orchestrator.persistence.jooq.tables.CustomerProperties;
import dev.orchestrator.persistence.jooq.tables.Customers;
import dev.orchestrator.persistence.jooq.tables.WorkflowDefinitions;
import dev.orchestrator.persistence.jooq.tables.WorkflowExecutions;
import dev.orchestrator.persistence.jooq.tables.records.WorkflowExecutionsRecord;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record2;
import org.jooq.Record4;
import org.jooq.UpdateConditionStep;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Re-scores every active execution in one statement:
 * <pre>
 * WITH changed AS (
 *   UPDATE workflow_executions e SET priority_score = &lt;score&gt;
 *   FROM workflow_definitions d, customers c LEFT JOIN customer_properties p ON ...
 *   WHERE &lt;joins&gt; AND e.status IN (&lt;active&gt;) [AND e.organization_id = ?]
 *     AND e.priority_score IS DISTINCT FROM &lt;score&gt;
 *   RETURNING 1)
 * SELECT (SELECT count(*) FROM workflow_executions WHERE status IN (&lt;active&gt;) [AND ...]), (SELECT count(*) FROM changed)
 * </pre>
 * {@code <score>} is {@link PrioritySql#scoreExpression} of the policy. The properties are LEFT
 * JOINed to the customers (the target table cannot be referenced in a join of UPDATE's FROM), so
 * the executions are scanned once, customer_properties is joined once, and no self-join is needed.
 * Only rows whose score changes are written. Neither {@code version} nor {@code updated_at} move: a
 * score is derived data, and bumping the version would make every CSM's in-flight transition
 * conflict after the nightly run. A row a transition changes concurrently is re-checked by
 * PostgreSQL and re-scored from its new status. {@code examined} counts the active rows in scope
 * from the same snapshot (an index-only scan of the partial unique index on active rows).
 */
final class SqlPriorityRecomputation implements PriorityRecomputation {

    private static final WorkflowExecutions E = WORKFLOW_EXECUTIONS.as("e");
    private static final WorkflowDefinitions D = WORKFLOW_DEFINITIONS.as("d");
    private static final Customers C = CUSTOMERS.as("c");
    private static final CustomerProperties P = CUSTOMER_PROPERTIES.as("p");

    private final DSLContext sql;

    SqlPriorityRecomputation(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public RecomputePriorities.Report recompute(WorkScope scope, PriorityPolicy policy, LocalDate today) {
        Record2<Long, Long> counts = statement(scope, policy, today).fetchSingle();
        return new RecomputePriorities.Report(counts.value1(), counts.value2());
    }

    /** The one statement {@link #recompute} runs (package-private for plan tests and benchmarks). */
    ResultQuery<Record2<Long, Long>> statement(Optional<OrganizationId> organization, PriorityPolicy policy,
            LocalDate today) {
        return statement(WorkScope.of(organization), policy, today);
    }

    /** The statement for a scope: the same, with the scope's conditions on the executions. */
    ResultQuery<Record2<Long, Long>> statement(WorkScope scope, PriorityPolicy policy, LocalDate today) {
        return statement(sql, scope, policy, today);
    }

    /** The statement on another context (the one of an open transaction, for example). */
    static ResultQuery<Record2<Long, Long>> statement(DSLContext sql, WorkScope scope, PriorityPolicy policy,
            LocalDate today) {
        // Rows whose remembered change is from an earlier day are written too, to forget it; they are
        // told apart by score_changed_on, which a re-scored row has set to today.
        var update = update(sql, null, scope, policy, today, true).returningResult(E.SCORE_CHANGED_ON);
        WorkflowExecutions all = WORKFLOW_EXECUTIONS;
        var examined = DSL.select(DSL.count()).from(all)
                .where(all.STATUS.in(Codes.inlineStatuses(all.STATUS, ExecutionStatus.ACTIVE)))
                .and(inScope(scope, all));
        return sql.resultQuery("WITH changed AS ({0}) SELECT ({1})::bigint AS examined, "
                + "(SELECT count(*) FROM changed WHERE score_changed_on IS NOT NULL)::bigint AS changed", update, examined)
                .coerce(DSL.field("examined", Long.class), DSL.field("changed", Long.class));
    }

    /**
     * The same UPDATE answering each row it re-scored, in id order: id, customer, the score before
     * and after. A write that must report what it changed reads it here instead of reading the open
     * executions before and after (two more statements per write). The score before comes from a
     * subquery in RETURNING, which sees the statement's snapshot, i.e. the row as it was.
     */
    static ResultQuery<Record4<UUID, UUID, Integer, Integer>> rescored(DSLContext sql, WorkScope scope,
            PriorityPolicy policy, LocalDate today) {
        return asRescored(rescored(sql, null, scope, policy, today));
    }

    /** {@link #rescored}'s columns: id, customer, the score before and after (the same query run as kept SQL too). */
    static final Field<UUID> RESCORED_ID = DSL.field("id", UUID.class);
    static final Field<UUID> RESCORED_CUSTOMER = DSL.field("customer_id", UUID.class);
    static final Field<Integer> SCORE_BEFORE = DSL.field("score_before", Integer.class);
    static final Field<Integer> SCORE_AFTER = DSL.field("score_after", Integer.class);

    private static ResultQuery<Record4<UUID, UUID, Integer, Integer>> asRescored(ResultQuery<org.jooq.Record> query) {
        return query.coerce(RESCORED_ID, RESCORED_CUSTOMER, SCORE_BEFORE, SCORE_AFTER);
    }

    /**
     * The same statement with the scope's values made by {@code binds} (null: bound as usual), for SQL
     * rendered once ({@link RenderedOnce}); the policy and {@code today} are inlined, so a caller keeping the
     * SQL marks them in the shape.
     */
    static ResultQuery<org.jooq.Record> rescored(DSLContext sql, RenderedOnce.Binds binds, WorkScope scope,
            PriorityPolicy policy, LocalDate today) {
        WorkflowExecutions was = WORKFLOW_EXECUTIONS.as("was");
        var update = update(sql, binds, scope, policy, today, false).returningResult(E.ID, E.CUSTOMER_ID,
                DSL.field(DSL.select(was.PRIORITY_SCORE).from(was).where(was.ID.eq(E.ID))).as("score_before"),
                E.PRIORITY_SCORE.as("score_after"));
        return sql.resultQuery("WITH changed AS ({0}) SELECT id, customer_id, score_before, score_after "
                + "FROM changed ORDER BY id", update);
    }

    /**
     * The UPDATE both statements run: the active executions in scope whose score changes, re-scored,
     * remembering the change ({@code V39}): the parts of the new score ({@link PrioritySql#partsExpression}),
     * and the score and parts before the day's first change, dated today. With {@code forgetOlder}
     * (the full recompute, run daily) rows whose remembered change is from an earlier day and whose
     * score stays are written too, forgetting it, so an item carries a change only on the day it
     * happened (until the next run).
     */
    private static UpdateConditionStep<WorkflowExecutionsRecord> update(DSLContext sql, RenderedOnce.Binds binds,
            WorkScope scope, PriorityPolicy policy, LocalDate today, boolean forgetOlder) {
        PrioritySql.Inputs inputs = new PrioritySql.Inputs(E.STATUS, E.SNOOZE_UNTIL, D.WORKFLOW_TYPE,
                D.PRIORITY_WEIGHT, P.REVENUE_IMPACT_TIER, P.CHURN_RISK_SCORE, P.USAGE_SCORE, E.DUE_AT);
        Field<Integer> score = PrioritySql.scoreExpression(policy, today, inputs);
        Condition changes = E.PRIORITY_SCORE.isDistinctFrom(score);
        // A second change the same day keeps the first one's "before": the item says how it moved since the
        // previous run, not since the last signal write.
        Condition changedToday = E.SCORE_CHANGED_ON.eq(value(binds, today, E.SCORE_CHANGED_ON));
        Condition activeInScope = E.STATUS.in(Codes.inlineStatuses(E.STATUS, ExecutionStatus.ACTIVE))
                .and(inScope(binds, scope, E));
        // A customer scope is repeated on c and p: the planner does not carry e.customer_id = ANY(...)
        // over the join, so without it customers and customer_properties are read for the whole
        // organization and hashed on every scoped write.
        Condition customersOfC = customersIn(binds, scope, C.ID);
        Condition written = forgetOlder ? changes.or(E.SCORE_CHANGED_ON.lt(today)) : changes;
        return sql.update(E)
                .set(E.PRIORITY_SCORE, score)
                .set(E.SCORED_PARTS, DSL.when(changes, PrioritySql.partsExpression(policy, today, inputs))
                        .otherwise(E.SCORED_PARTS))
                .set(E.PREVIOUS_SCORE, DSL.when(changes.and(changedToday), E.PREVIOUS_SCORE)
                        .when(changes, E.PRIORITY_SCORE).otherwise(DSL.inline((Integer) null)))
                .set(E.PREVIOUS_PARTS, DSL.when(changes.and(changedToday), E.PREVIOUS_PARTS)
                        .when(changes, E.SCORED_PARTS).otherwise(DSL.inline((JSONB) null)))
                .set(E.SCORE_CHANGED_ON, DSL.when(changes, DSL.inline(today))
                        .otherwise(DSL.inline((LocalDate) null)))
                .from(D, C.leftJoin(P).on(P.ORGANIZATION_ID.eq(C.ORGANIZATION_ID)).and(P.CUSTOMER_ID.eq(C.ID))
                        .and(customersIn(binds, scope, P.CUSTOMER_ID)))
                .where(D.ORGANIZATION_ID.eq(E.ORGANIZATION_ID)).and(D.ID.eq(E.WORKFLOW_DEFINITION_ID))
                .and(C.ORGANIZATION_ID.eq(E.ORGANIZATION_ID)).and(C.ID.eq(E.CUSTOMER_ID))
                .and(customersOfC)
                .and(activeInScope)
                .and(written);
    }

    /** {@code customer = ANY(scope's customers)}, or no condition when the scope has no customer list. */
    static Condition customersIn(WorkScope scope, Field<UUID> customer) {
        return customersIn(null, scope, customer);
    }

    /** The same, its value made by {@code binds} when there are (null: bound as usual). */
    private static Condition customersIn(RenderedOnce.Binds binds, WorkScope scope, Field<UUID> customer) {
        return scope.customers().map(c -> {
            UUID[] ids = c.stream().map(CustomerId::value).toArray(UUID[]::new);
            return binds == null ? customer.eq(DSL.any(ids))
                    : customer.eq(DSL.any(binds.val(ids, SQLDataType.UUID.array())));
        }).orElse(DSL.noCondition());
    }

    /** The scope's conditions on executions {@code e}. */
    static Condition inScope(WorkScope scope, WorkflowExecutions e) {
        return inScope(null, scope, e);
    }

    /** The same, their values made by {@code binds} when there are (null: bound as usual). */
    private static Condition inScope(RenderedOnce.Binds binds, WorkScope scope, WorkflowExecutions e) {
        return scope.organization().map(o -> e.ORGANIZATION_ID.eq(value(binds, o.value(), e.ORGANIZATION_ID)))
                .orElse(DSL.noCondition())
                .and(customersIn(binds, scope, e.CUSTOMER_ID))
                .and(scope.definition().map(d -> e.WORKFLOW_DEFINITION_ID.eq(value(binds, d.value(),
                        e.WORKFLOW_DEFINITION_ID))).orElse(DSL.noCondition()));
    }

    private static <T> Field<T> value(RenderedOnce.Binds binds, T value, Field<T> field) {
        return binds == null ? DSL.val(value, field) : binds.val(value, field);
    }
}
