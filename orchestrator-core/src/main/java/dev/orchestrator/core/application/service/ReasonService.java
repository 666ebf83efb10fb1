package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.ManageReasons;
import dev.orchestrator.core.application.port.out.ReasonCodes;
import dev.orchestrator.core.domain.access.AccessPolicy;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.catalog.Problems;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.reasons.ReasonCatalog;
import java.util.Optional;

/** {@link ManageReasons}: the catalog read for members, replaced whole by admins. */
public final class ReasonService implements ManageReasons {

    private final ReasonCodes store;

    public ReasonService(ReasonCodes store) {
        this.store = store;
    }

    @Override
    public Result<ReasonCatalog> list(Profile caller) {
        return Result.ok(ReasonCatalog.ofStored(store.reasonCodes(caller.organizationId())));
    }

    @Override
    public Result<ReasonCatalog> replace(Profile caller, JsonObject body) {
        if (!AccessPolicy.canManageCatalog(caller)) {
            return Result.err(new Failure.Forbidden("only an admin manages the reason codes"));
        }
        Problems problems = new Problems();
        Optional<ReasonCatalog> catalog = ReasonCatalog.parse(body, problems);
        if (catalog.isEmpty()) {
            return Result.err(CatalogFailures.invalid(problems));
        }
        store.replaceReasonCodes(caller.organizationId(), catalog.get().codes());
        return Result.ok(catalog.get());
    }
}
