package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import java.util.List;

/** Reads workflow definitions of one organization. */
public interface DefinitionLookup {
    /** Active demo definitions, in any order (the caller sorts by demo order). */
    List<WorkflowDefinition> activeDemoDefinitions(OrganizationId organizationId);
}
