package dev.orchestrator.core.domain.workflow;

import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import java.util.Objects;

/**
 * A workflow template: what kind of work it is, how much it weighs in the queue and when signals
 * should create it. The priority weight defaults to the type's tier (see {@code PriorityPolicy}).
 */
public record WorkflowDefinition(
        DefinitionId id,
        OrganizationId organizationId,
        String name,
        WorkflowType type,
        String description,
        TriggerConditions triggerConditions,
        int priorityWeight,
        boolean active,
        boolean demo) {

    public WorkflowDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        triggerConditions = triggerConditions == null ? TriggerConditions.NONE : triggerConditions;
    }
}
