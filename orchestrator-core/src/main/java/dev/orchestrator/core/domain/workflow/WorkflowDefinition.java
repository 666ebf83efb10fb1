package dev.orchestrator.core.domain.workflow;

import dev.orchestrator.core.domain.dependency.Dependency;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import java.util.List;
import java.util.Objects;

/**
 * A workflow template: what kind of work it is, how much it weighs in the queue and when signals
 * should create it. The priority weight defaults to the type's tier (see {@code PriorityPolicy}).
 * {@code steps} is its template's checklist ({@link TemplateSteps}): what a new execution's
 * {@code execution_data.steps} is made of. {@code dependsOn} names the definitions whose work must be
 * done first ({@code DependencyRule}); readers that only score or show executions (queue entries) may
 * leave it empty, the catalog's reads and writes always carry it.
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
        List<TemplateStep> steps,
        List<Dependency> dependsOn) {

    public WorkflowDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        triggerConditions = triggerConditions == null ? TriggerConditions.NONE : triggerConditions;
        steps = steps == null ? List.of() : List.copyOf(steps);
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }

    /** A definition without template steps or dependencies (the shape from before either existed). */
    public WorkflowDefinition(DefinitionId id, OrganizationId organizationId, String name, WorkflowType type,
            String description, TriggerConditions triggerConditions, int priorityWeight, boolean active, boolean demo) {
        this(id, organizationId, name, type, description, triggerConditions, priorityWeight, active, demo, List.of(),
                List.of());
    }

    /** This definition with {@code active} set (what a deactivation writes; everything else kept). */
    public WorkflowDefinition withActive(boolean active) {
        return new WorkflowDefinition(id, organizationId, name, type, description, triggerConditions, priorityWeight,
                active, demo, steps, dependsOn);
    }

    /** This definition with other template steps. */
    public WorkflowDefinition withSteps(List<TemplateStep> templateSteps) {
        return new WorkflowDefinition(id, organizationId, name, type, description, triggerConditions, priorityWeight,
                active, demo, templateSteps, dependsOn);
    }

    /** This definition with other dependencies. */
    public WorkflowDefinition withDependsOn(List<Dependency> dependencies) {
        return new WorkflowDefinition(id, organizationId, name, type, description, triggerConditions, priorityWeight,
                active, demo, steps, dependencies);
    }
}
