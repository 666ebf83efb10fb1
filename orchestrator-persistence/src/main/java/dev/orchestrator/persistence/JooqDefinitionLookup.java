package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITIONS;

import dev.orchestrator.core.application.port.out.DefinitionLookup;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

final class JooqDefinitionLookup implements DefinitionLookup {

    private final DSLContext sql;

    JooqDefinitionLookup(DSLContext sql) {
        this.sql = sql;
    }

    /** Served by the partial index workflow_definitions_active (is_active and is_demo as literals). */
    @Override
    public List<WorkflowDefinition> activeDemoDefinitions(OrganizationId organizationId) {
        return sql.selectFrom(WORKFLOW_DEFINITIONS)
                .where(WORKFLOW_DEFINITIONS.ORGANIZATION_ID.eq(organizationId.value()))
                .and(WORKFLOW_DEFINITIONS.IS_DEMO.eq(DSL.inline(true)))
                .and(WORKFLOW_DEFINITIONS.IS_ACTIVE.eq(DSL.inline(true)))
                .fetch(r -> Rows.definition(r, WORKFLOW_DEFINITIONS));
    }
}
