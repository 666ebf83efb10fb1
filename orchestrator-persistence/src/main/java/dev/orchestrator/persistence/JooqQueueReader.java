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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.SelectJoinStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * Queues, one query each, as {@link QueueOrdering} defines them. The membership predicate is
 * written with literals ({@code is_demo = false AND status IN ('not_started', ...)}, for the production
 * page also {@code blocked = false}) so that it matches the partial indexes even in a cached generic
 * plan; only the tenant and the CSM are bound ({@link #binds}).
 * <ul>
 * <li>production: {@code workflow_executions_production_queue} holds exactly the members (open, not
 * demo, not blocked: V41) in exactly the ORDER BY, so the plan reads {@code limit} index entries and
 * never sorts;</li>
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

    /** Stand-ins bound while rendering a page once; {@link #render} checks they are the only binds. */
    private static final OrganizationId ANY_ORGANIZATION = OrganizationId.of(new UUID(0, 1));
    private static final ProfileId ANY_CSM = ProfileId.of(new UUID(0, 2));

    /**
     * What a rendered page's rows are read into, by position: the entry's own columns, so that
     * {@link EntrySql#entry} finds each by identity in the row itself. (Reading into positional
     * columns and copying each row into a second record of these was ~13 % of serve's CPU in a queue
     * request: a record type built per row, and every value looked up by field twice.)
     */

    private final DSLContext sql;
    /** False only for the benchmark's "before dependencies" statement: the page as it was before issue 14. */
    private final boolean dependencies;
    /** A queue page's SQL by mode and limit (at most 2 × 100), rendered once. */
    private final Map<String, String> pages = new ConcurrentHashMap<>();

    JooqQueueReader(DSLContext sql) {
        this(sql, true);
    }

    JooqQueueReader(DSLContext sql, boolean dependencies) {
        this.sql = sql;
        this.dependencies = dependencies;
    }

    /**
     * The service's hot path: every dashboard load reads a queue page. The query is rendered once
     * per mode and limit, then run as that SQL with its binds and read back by position, because
     * rendering the jOOQ query on every call was the largest single CPU cost of a queue read
     * (docs/performance.md). The SQL is exactly {@link #queueQuery}'s, with columns renamed; it runs as a
     * JDBC statement bound by position, as every kept statement does ({@link RenderedOnce#run}).
     */
    @Override
    public List<QueueEntry> queue(OrganizationId organizationId, ProfileId csmId, QueueMode mode, int limit) {
        Param<?>[] values = Arrays.stream(binds(mode, organizationId.value(), csmId.value())).map(DSL::val)
                .toArray(Param<?>[]::new);
        return RenderedOnce.run(sql, pageSql(mode, limit), values, EntrySql.COLUMN_ARRAY).map(EntrySql::entry);
    }

    /**
     * The SQL {@link #queue} runs for a page of {@code mode} and {@code limit}, binds: {@link #binds} (for
     * benchmarks that run the product's own statement over plain JDBC).
     */
    String pageSql(QueueMode mode, int limit) {
        return pages.computeIfAbsent(mode.name() + "/" + limit, key -> render(mode, limit));
    }

    private String render(QueueMode mode, int limit) {
        ResultQuery<Record> query = page(EntrySql.selectByPosition(sql), ANY_ORGANIZATION, ANY_CSM, mode, limit,
                dependencies);
        // The page runs with the binds in binds' order: anything else bound means the query changed
        // shape and that positional binding would be wrong.
        List<Object> expected = List.of(binds(mode, ANY_ORGANIZATION.value(), ANY_CSM.value()));
        if (!query.getBindValues().equals(expected)) {
            throw new IllegalStateException("the queue query binds " + query.getBindValues() + "; expected " + expected);
        }
        return sql.render(query);
    }

    /** A page's bind values, in order: the organization, the CSM. */
    Object[] binds(QueueMode mode, UUID organizationId, UUID csmId) {
        return new Object[] {organizationId, csmId};
    }

    /** The query {@link #queue} runs, with its columns under their own names (for EXPLAIN tests). */
    ResultQuery<Record> queueQuery(OrganizationId organizationId, ProfileId csmId, QueueMode mode, int limit) {
        return page(EntrySql.select(sql), organizationId, csmId, mode, limit, dependencies);
    }

    private static ResultQuery<Record> page(SelectJoinStep<Record> select, OrganizationId organizationId,
            ProfileId csmId, QueueMode mode, int limit, boolean dependencies) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        boolean demo = mode == QueueMode.DEMO;
        Condition members = E.IS_DEMO.eq(DSL.inline(demo))
                .and(E.STATUS.in(Codes.inlineStatuses(E.STATUS, ExecutionStatus.ACTIVE)));
        if (!demo && dependencies) {
            // Blocked work is left out (DependencyRule), as the stored marker says (BlockedMarker keeps it
            // with every write). A literal, as V41's index predicate: the index holds no blocked entry, so
            // the page reads its n entries and nothing in between.
            members = members.and(E.BLOCKED.eq(DSL.inline(false)));
        }
        return select
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
