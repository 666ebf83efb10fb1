package dev.orchestrator.core.domain.workflow;

import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import java.util.List;
import java.util.Objects;

/**
 * A workflow template: what kind of work it is, how much it weighs in the queue and when signals
 * should create it. The priority weight defaults to the type's tier (see {@code PriorityPolicy}).
 * {@code steps} is its template's checklist ({@link TemplateSteps}): what a new execution's
 * {@code execution_data.steps} is made of.
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
        boolean demo,
        List<TemplateStep> steps) {

    public WorkflowDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        triggerConditions = triggerConditions == null ? TriggerConditions.NONE : triggerConditions;
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** A definition without template steps (the form from before steps existed). */
    public WorkflowDefinition(DefinitionId id, OrganizationId organizationId, String name, WorkflowType type,
            String description, TriggerConditions triggerConditions, int priorityWeight, boolean active, boolean demo) {
        this(id, organizationId, name, type, description, triggerConditions, priorityWeight, active, demo, List.of());
    }

    /** This definition with {@code active} set (what a deactivation writes; everything else kept). */
    public WorkflowDefinition withActive(boolean active) {
        return new WorkflowDefinition(id, organizationId, name, type, description, triggerConditions, priorityWeight,
                active, demo, steps);
    }
}
