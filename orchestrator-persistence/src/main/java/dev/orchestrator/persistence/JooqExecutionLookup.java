package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.EntrySql.E;

import dev.orchestrator.core.application.port.out.ExecutionLookup;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.queue.QueueEntry;
import java.util.Optional;
import org.jooq.DSLContext;

final class JooqExecutionLookup implements ExecutionLookup {

    private final DSLContext sql;

    JooqExecutionLookup(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public Optional<QueueEntry> findExecution(OrganizationId organizationId, ExecutionId id) {
        return EntrySql.select(sql)
                .where(E.ORGANIZATION_ID.eq(organizationId.value())).and(E.ID.eq(id.value()))
                .fetchOptional(EntrySql::entry);
    }
}
