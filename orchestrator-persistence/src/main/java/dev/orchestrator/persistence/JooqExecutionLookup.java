package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.EntrySql.E;

import dev.orchestrator.core.application.port.out.ExecutionLookup;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.queue.QueueEntry;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

final class JooqExecutionLookup implements ExecutionLookup {

    private final DSLContext sql;
    private final RenderedOnce statements;

    JooqExecutionLookup(DSLContext sql) {
        this.sql = sql;
        this.statements = new RenderedOnce(sql);
    }

    /** Read by every transition: its SQL rendered once, its row read by position into the entry's columns. */
    @Override
    public Optional<QueueEntry> findExecution(OrganizationId organizationId, ExecutionId id) {
        RenderedOnce.Binds binds = new RenderedOnce.Binds("execution");
        return statements.fetch(binds, findQuery(binds, organizationId, id), EntrySql.COLUMN_ARRAY)
                .stream().findFirst().map(EntrySql::entry);
    }

    /** The statement {@link #findExecution} runs, every value made by {@code binds}. */
    ResultQuery<?> findQuery(RenderedOnce.Binds binds, OrganizationId organizationId, ExecutionId id) {
        return EntrySql.selectByPosition(sql)
                .where(E.ORGANIZATION_ID.eq(binds.val(organizationId.value(), E.ORGANIZATION_ID)))
                .and(E.ID.eq(binds.val(id.value(), E.ID)));
    }

    @Override
    public List<QueueEntry> findExecutions(OrganizationId organizationId, Collection<ExecutionId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        // One array parameter, so that the statement is the same for any number of ids (one plan, one
        // prepared statement): a probe of the primary key per id.
        UUID[] values = ids.stream().map(ExecutionId::value).distinct().toArray(UUID[]::new);
        return EntrySql.select(sql)
                .where(E.ORGANIZATION_ID.eq(organizationId.value()))
                .and(E.ID.eq(DSL.any(DSL.val(values, SQLDataType.UUID.array()))))
                .fetch(EntrySql::entry);
    }
}
