package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.out.CatalogWrites.WorkChanges;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.catalog.Versioned;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import java.util.List;
import java.util.OptionalLong;

/**
 * Workflow templates of the caller's organization: every member reads them, admins write them.
 * Bodies are read by the core's {@code CatalogReader} (unknown fields and trigger keys refused);
 * a write re-scores the definition's open executions in the same transaction. {@code ifMatch}
 * (the version an ETag carried) makes a write fail as {@code Stale} if someone wrote in between.
 */
public interface ManageDefinitions {

    Result<List<Versioned<WorkflowDefinition>>> list(Profile caller);

    Result<Versioned<WorkflowDefinition>> get(Profile caller, DefinitionId id);

    Result<Written> create(Profile caller, JsonObject body);

    /** Replaces every field of an existing definition. */
    Result<Written> replace(Profile caller, DefinitionId id, JsonObject body, OptionalLong ifMatch);

    /** Applies a JSON Merge Patch to the definition as {@code get} shows it. */
    Result<Written> patch(Profile caller, DefinitionId id, JsonObject mergePatch, OptionalLong ifMatch);

    /** Deactivates: no new executions are created from it; existing ones stay as they are. */
    Result<Written> deactivate(Profile caller, DefinitionId id, OptionalLong ifMatch);

    record Written(Versioned<WorkflowDefinition> definition, boolean created, WorkChanges changes) {
    }
}
