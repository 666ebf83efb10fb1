package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.CUSTOMERS;
import static dev.orchestrator.persistence.jooq.Tables.ORGANIZATIONS;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.scope.WorkScope;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.core.domain.workload.AssignmentRule;
import dev.orchestrator.core.domain.workload.AssignmentStrategy;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.impl.DSL;

/**
 * {@link AssignmentRule} in one statement, run before the interpretation in its transaction: the
 * customers without a CSM that the interpretation is about to create work for (its own {@code scored},
 * {@code candidates} and {@code creates}, narrowed to {@code csm_id IS NULL}) get a member of their
 * organization's pool, {@code least_open} by the k-th smallest (open + j, id) "slot", {@code round_robin}
 * by position {@code (turn + k) mod size}, k the customer's rank by id; the round-robin turn moves on by
 * the number assigned. {@code csm_id IS NULL} in the UPDATE keeps a racing run from assigning twice.
 * Skipped (one cheap read) when no organization in scope has a pool: the daily job is then as it was.
 */
final class PoolAssignmentSql {

    private PoolAssignmentSql() {
    }

    /** Assigns, and answers how many customers got a CSM. */
    static int assign(DSLContext sql, WorkScope scope, SignalPolicy signalPolicy, LocalDate today, Instant now) {
        boolean anyPool = sql.fetchExists(DSL.selectOne().from(ORGANIZATIONS)
                .where(DSL.field("cardinality({0})", Integer.class, ORGANIZATIONS.ASSIGNMENT_POOL).gt(0))
                .and(scope.organization().map(o -> ORGANIZATIONS.ID.eq(o.value())).orElse(DSL.noCondition())));
        if (!anyPool) {
            return 0;
        }
        Field<OffsetDateTime> at = DSL.val(Codes.timestamp(now), WORKFLOW_EXECUTIONS.CREATED_AT);
        List<Field<?>> active = List.copyOf(Codes.inlineStatuses(WORKFLOW_EXECUTIONS.STATUS, ExecutionStatus.ACTIVE));
        List<QueryPart> parts = List.of(
                SqlSignalInterpretation.scored(scope, signalPolicy, CUSTOMERS.as("c").CSM_ID.isNull()),
                SqlSignalInterpretation.candidates(scope),
                SqlSignalInterpretation.creates(today, at, active),
                at);
        String open = Arrays.stream(ExecutionStatus.values()).filter(s -> !s.isTerminal())
                .map(s -> DSL.inline(s, WORKFLOW_EXECUTIONS.STATUS).toString()).collect(Collectors.joining(", "));
        String statement = """
                WITH scored AS ({0}), candidates AS ({1}),
                waiting AS (
                  SELECT DISTINCT s.organization_id, s.customer_id
                  FROM scored s JOIN candidates d ON d.organization_id = s.organization_id
                  WHERE s.csm_id IS NULL AND {2}),
                pools AS (
                  SELECT o.id AS organization_id, o.assignment_pool AS pool, o.assignment_strategy AS strategy,
                    o.assignment_turn AS turn
                  FROM organizations o
                  WHERE o.id IN (SELECT organization_id FROM waiting) AND cardinality(o.assignment_pool) > 0),
                ranked AS (
                  SELECT w.organization_id, w.customer_id,
                    row_number() OVER (PARTITION BY w.organization_id ORDER BY w.customer_id) - 1 AS k
                  FROM waiting w WHERE w.organization_id IN (SELECT organization_id FROM pools)),
                members AS (
                  SELECT p.organization_id, m.csm, m.position - 1 AS position
                  FROM pools p, unnest(p.pool) WITH ORDINALITY AS m(csm, position)),
                loads AS (
                  SELECT m.organization_id, m.csm, m.position,
                    (SELECT count(*) FROM workflow_executions x
                     WHERE x.organization_id = m.organization_id AND x.assigned_csm_id = m.csm AND x.is_demo = false
                       AND x.status IN (%1$s)) AS open
                  FROM members m),
                slots AS (
                  SELECT l.organization_id, l.csm,
                    row_number() OVER (PARTITION BY l.organization_id ORDER BY l.open + j, l.csm) - 1 AS k
                  FROM loads l CROSS JOIN LATERAL generate_series(0,
                    (SELECT count(*) FROM ranked r WHERE r.organization_id = l.organization_id) - 1) j),
                picked AS (
                  SELECT r.organization_id, r.customer_id,
                    CASE WHEN p.strategy = '%2$s'
                      THEN (SELECT m.csm FROM members m WHERE m.organization_id = r.organization_id
                              AND m.position = (p.turn + r.k) %% cardinality(p.pool))
                      ELSE (SELECT s.csm FROM slots s WHERE s.organization_id = r.organization_id AND s.k = r.k)
                    END AS csm
                  FROM ranked r JOIN pools p ON p.organization_id = r.organization_id),
                assigned AS (
                  UPDATE customers c SET csm_id = picked.csm, updated_at = {3}
                  FROM picked
                  WHERE c.organization_id = picked.organization_id AND c.id = picked.customer_id AND c.csm_id IS NULL
                  RETURNING c.organization_id, c.id),
                turned AS (
                  UPDATE organizations o SET assignment_turn = o.assignment_turn + t.n
                  FROM (SELECT organization_id, count(*) AS n FROM assigned GROUP BY organization_id) t
                  WHERE o.id = t.organization_id AND o.assignment_strategy = '%2$s'
                  RETURNING o.id)
                SELECT (SELECT count(*) FROM assigned)::int AS assigned, (SELECT count(*) FROM turned)::int AS turned
                """.formatted(open, AssignmentStrategy.ROUND_ROBIN.wireName());
        return sql.resultQuery(statement, parts.toArray(QueryPart[]::new)).fetchOne(0, Integer.class);
    }

    /** The organization's round-robin turn (for tests). */
    static long turn(DSLContext sql, OrganizationId organization) {
        return sql.select(ORGANIZATIONS.ASSIGNMENT_TURN).from(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(organization.value()))
                .fetchOne(ORGANIZATIONS.ASSIGNMENT_TURN);
    }
}
