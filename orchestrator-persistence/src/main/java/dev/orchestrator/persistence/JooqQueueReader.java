package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.EntrySql.D;
import static dev.orchestrator.persistence.EntrySql.E;

import dev.orchestrator.core.application.port.out.QueueReader;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.queue.QueueEntry;
import dev.orchestrator.core.domain.queue.QueueMode;
import dev.orchestrator.core.domain.queue.QueueOrdering;
import dev.orchestrator.core.domain.workflow.TriggerConditions;
import java.math.BigDecimal;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * Queues, one query each, as {@link QueueOrdering} defines them. The membership predicate is
 * written with literals ({@code is_demo = false AND status IN ('not_started', ...)}) so that it
 * matches the partial indexes even in a cached generic plan; only the tenant and the CSM are bound.
 * <ul>
 * <li>production: {@code workflow_executions_production_queue} holds exactly the members in
 * exactly the ORDER BY, so the plan reads {@code limit} index entries and never sorts;</li>
 * <li>demo: {@code workflow_executions_demo_by_csm} finds the CSM's few demo rows, which are then
 * sorted by the definition's {@code trigger_conditions.order} (missing last).</li>
 * </ul>
 * UUIDs sort the same way in PostgreSQL and in {@link QueueOrdering#compareUuids}.
 */
final class JooqQueueReader implements QueueReader {

    /** {@code QueueOrdering}'s "no order" value: executions whose definition has none come last. */
    private static final Field<BigDecimal> DEMO_ORDER = DSL.coalesce(
            TriggerSql.wholeNumber(D.TRIGGER_CONDITIONS, TriggerConditions.ORDER),
            DSL.inline(BigDecimal.valueOf(Long.MAX_VALUE)));

    private final DSLContext sql;

    JooqQueueReader(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public List<QueueEntry> queue(OrganizationId organizationId, ProfileId csmId, QueueMode mode, int limit) {
        return queueQuery(organizationId, csmId, mode, limit).fetch(EntrySql::entry);
    }

    /** The exact query {@link #queue} runs (package-private so that a test can EXPLAIN it). */
    ResultQuery<Record> queueQuery(OrganizationId organizationId, ProfileId csmId, QueueMode mode, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        boolean demo = mode == QueueMode.DEMO;
        Condition members = E.IS_DEMO.eq(DSL.inline(demo))
                .and(E.STATUS.in(Codes.inlineStatuses(E.STATUS, ExecutionStatus.ACTIVE)));
        return EntrySql.select(sql)
                .where(E.ORGANIZATION_ID.eq(organizationId.value()))
                .and(E.ASSIGNED_CSM_ID.eq(csmId.value()))
                .and(members)
                .orderBy(order(mode))
                .limit(DSL.inline(limit));
    }

    @Override
    public List<QueueEntry> demoExecutions(OrganizationId organizationId, ProfileId csmId) {
        return EntrySql.select(sql)
                .where(E.ORGANIZATION_ID.eq(organizationId.value()))
                .and(E.ASSIGNED_CSM_ID.eq(csmId.value()))
                .and(E.IS_DEMO.eq(DSL.inline(true)))
                .orderBy(order(QueueMode.DEMO))
                .fetch(EntrySql::entry);
    }

    /** {@link QueueOrdering#comparator}, as ORDER BY. */
    private static List<SortField<?>> order(QueueMode mode) {
        SortField<?> first = mode == QueueMode.PRODUCTION ? E.PRIORITY_SCORE.desc() : DEMO_ORDER.asc();
        return List.of(first, E.CREATED_AT.asc(), E.ID.asc());
    }
}
