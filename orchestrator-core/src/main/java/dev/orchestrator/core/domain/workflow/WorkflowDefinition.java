package dev.orchestrator.core.domain.workflow;

import dev.orchestrator.core.domain.dependency.Dependency;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import java.util.List;
import java.util.Objects;

/**
 * A workflow template: what kind of work it is, how much it weighs in the queue and when signals
 * should create it. The priority weight defaults to the type's tier (see {@code PriorityPolicy}).
 * {@code dependsOn} names the definitions whose work must be done first ({@code DependencyRule});
 * readers that only score or show executions (queue entries) may leave it empty, the catalog's
 * reads and writes always carry it.
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
        List<Dependency> dependsOn) {

    public WorkflowDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        triggerConditions = triggerConditions == null ? TriggerConditions.NONE : triggerConditions;
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }

    /** A definition without dependencies (the shape before dependencies existed). */
    public WorkflowDefinition(DefinitionId id, OrganizationId organizationId, String name, WorkflowType type,
            String description, TriggerConditions triggerConditions, int priorityWeight, boolean active, boolean demo) {
        this(id, organizationId, name, type, description, triggerConditions, priorityWeight, active, demo, List.of());
    }

    /** This definition with other dependencies. */
    public WorkflowDefinition withDependsOn(List<Dependency> dependencies) {
        return new WorkflowDefinition(id, organizationId, name, type, description, triggerConditions, priorityWeight,
                active, demo, dependencies);
    }
}
