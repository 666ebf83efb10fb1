package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.ManageDefinitions;
import dev.orchestrator.core.application.port.out.CatalogReads;
import dev.orchestrator.core.application.port.out.CatalogWrites;
import dev.orchestrator.core.application.port.out.IdGenerator;
import dev.orchestrator.core.domain.access.AccessPolicy;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.catalog.CatalogJson;
import dev.orchestrator.core.domain.catalog.CatalogReader;
import dev.orchestrator.core.domain.catalog.CatalogRules;
import dev.orchestrator.core.domain.catalog.Problems;
import dev.orchestrator.core.domain.catalog.Versioned;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.json.JsonMergePatch;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.ids.OrganizationId;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/** {@link ManageDefinitions}: reads for every member, writes for admins, every body through the {@link CatalogReader}. */
public final class DefinitionService implements ManageDefinitions {

    private final CatalogReads reads;
    private final CatalogWrites writes;
    private final IdGenerator ids;
    private final CatalogReaders readers;
    private final Function<OrganizationId, CatalogWrites.Scoring> scoring;

    public DefinitionService(CatalogReads reads, CatalogWrites writes, IdGenerator ids, PolicySource policies,
            Function<OrganizationId, CatalogWrites.Scoring> scoring) {
        this.reads = reads;
        this.writes = writes;
        this.ids = ids;
        this.readers = new CatalogReaders(policies);
        this.scoring = scoring;
    }

    @Override
    public Result<List<Versioned<WorkflowDefinition>>> list(Profile caller) {
        return Result.ok(reads.definitions(caller.organizationId()));
    }

    @Override
    public Result<Versioned<WorkflowDefinition>> get(Profile caller, DefinitionId id) {
        return reads.definition(caller.organizationId(), id).<Result<Versioned<WorkflowDefinition>>>map(Result::ok)
                .orElseGet(() -> Result.err(notFound(id)));
    }

    @Override
    public Result<Written> create(Profile caller, JsonObject body) {
        if (!AccessPolicy.canManageCatalog(caller)) {
            return Result.err(forbidden());
        }
        return save(caller, body, new DefinitionId(ids.newId()), OptionalLong.empty());
    }

    @Override
    public Result<Written> replace(Profile caller, DefinitionId id, JsonObject body, OptionalLong ifMatch) {
        return existing(caller, id).flatMap(current -> save(caller, body, id, expected(current, ifMatch)));
    }

    @Override
    public Result<Written> patch(Profile caller, DefinitionId id, JsonObject mergePatch, OptionalLong ifMatch) {
        return existing(caller, id).flatMap(current -> {
            JsonObject shown = new JsonObject(CatalogJson.withoutIdentity(CatalogJson.definition(current.value())));
            return save(caller, JsonMergePatch.apply(shown, mergePatch), id, expected(current, ifMatch));
        });
    }

    @Override
    public Result<Written> deactivate(Profile caller, DefinitionId id, OptionalLong ifMatch) {
        return existing(caller, id).flatMap(current -> {
            return write(current.value().withActive(false), expected(current, ifMatch));
        });
    }

    /** The definition, if the caller may write it. */
    private Result<Versioned<WorkflowDefinition>> existing(Profile caller, DefinitionId id) {
        if (!AccessPolicy.canManageCatalog(caller)) {
            return Result.err(forbidden());
        }
        return get(caller, id);
    }

    /**
     * The version the write must find: the caller's If-Match, or the one just read (so that a
     * change between this read and the write is never overwritten silently).
     */
    private static OptionalLong expected(Versioned<WorkflowDefinition> current, OptionalLong ifMatch) {
        return ifMatch.isPresent() ? ifMatch : OptionalLong.of(current.version());
    }

    private Result<Written> save(Profile caller, JsonObject body, DefinitionId id, OptionalLong expected) {
        Problems problems = new Problems();
        // The organization's own policies give the default weight and bound the thresholds.
        WorkflowDefinition definition = readers.of(caller.organizationId()).definition(body, "", problems, id,
                caller.organizationId());
        if (definition == null) {
            return Result.err(CatalogFailures.invalid(problems));
        }
        CatalogRules.dependsOn(definition, reads.definitions(caller.organizationId()).stream().map(Versioned::value)
                .toList(), "", problems);
        if (!problems.isEmpty()) {
            return Result.err(CatalogFailures.invalid(problems));
        }
        return write(definition, expected);
    }

    private Result<Written> write(WorkflowDefinition definition, OptionalLong expected) {
        return CatalogFailures.saved(writes.saveDefinition(definition, expected, scoring.apply(definition.organizationId())),
                saved -> new Written(new Versioned<>(definition, saved.version()), saved.created(), saved.changes()));
    }

    private static Failure notFound(DefinitionId id) {
        return new Failure.NotFound("no workflow definition " + id);
    }

    private static Failure forbidden() {
        return new Failure.Forbidden("only an admin manages workflow definitions");
    }
}
