package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.out.CatalogWrites;
import dev.orchestrator.core.domain.catalog.Problem;
import dev.orchestrator.core.domain.catalog.Problems;
import java.util.List;
import java.util.function.Function;

/** The catalog's problems and write outcomes as the use cases' failures. */
final class CatalogFailures {

    private CatalogFailures() {
    }

    static Failure.Invalid invalid(Problems problems) {
        return new Failure.Invalid(problems.kept().stream().map(CatalogFailures::error).toList());
    }

    static Failure.Invalid invalid(Problem problem) {
        return new Failure.Invalid(List.of(error(problem)));
    }

    static Failure.FieldError error(Problem p) {
        return new Failure.FieldError(p.field(), p.reason());
    }

    /** The saved value, or the failure a stale version or a refused row is. */
    static <T> Result<T> saved(CatalogWrites.Outcome outcome, Function<CatalogWrites.Outcome.Saved, T> value) {
        if (outcome instanceof CatalogWrites.Outcome.Saved saved) {
            return Result.ok(value.apply(saved));
        }
        if (outcome instanceof CatalogWrites.Outcome.Stale stale) {
            return Result.err(new Failure.Stale(stale.currentVersion()));
        }
        if (outcome instanceof CatalogWrites.Outcome.Foreign) {
            return Result.err(new Failure.NotFound("no such id in this organization"));
        }
        return Result.err(invalid(((CatalogWrites.Outcome.Refused) outcome).problem()));
    }
}
