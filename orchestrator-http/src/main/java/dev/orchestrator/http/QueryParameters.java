package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.ViewQueue;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.ProfileId;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Query and path parameters, parsed strictly: a malformed value is a 400 naming the parameter. */
final class QueryParameters {

    private QueryParameters() {
    }

    private static Optional<String> single(Context ctx, String name) {
        return single(ctx.queryParamMap(), name);
    }

    private static Optional<String> single(Map<String, List<String>> params, String name) {
        List<String> values = params.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw ApiProblem.invalid(name, "must be given at most once");
        }
        return values.stream().findFirst();
    }

    /** {@code limit}: a whole number, {@value ViewQueue#DEFAULT_LIMIT} when absent (the range is the core's to check). */
    static int limit(Context ctx) {
        return single(ctx, "limit").map(text -> {
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw ApiProblem.invalid("limit", "must be a whole number from 1 to " + ViewQueue.MAX_LIMIT);
            }
        }).orElse(ViewQueue.DEFAULT_LIMIT);
    }

    /** {@code demo}: exactly {@code true} or {@code false}; false when absent. */
    static boolean demo(Context ctx) {
        return single(ctx, "demo").map(text -> {
            if (text.equals("true")) {
                return true;
            }
            if (text.equals("false")) {
                return false;
            }
            throw ApiProblem.invalid("demo", "must be true or false");
        }).orElse(false);
    }

    /** {@code csm_id}: a UUID, or empty for the caller's own. */
    static Optional<ProfileId> csmId(Context ctx) {
        return single(ctx, "csm_id").map(text -> ProfileId.of(Uuids.parse(text)
                .orElseThrow(() -> ApiProblem.invalid("csm_id", "must be a UUID"))));
    }

    /** The {@code {id}} path parameter as an execution id. */
    static ExecutionId executionId(Context ctx) {
        UUID id = Uuids.parse(ctx.pathParam("id")).orElseThrow(() -> ApiProblem.invalid("id", "must be a UUID"));
        return ExecutionId.of(id);
    }

    /**
     * Refuses any query parameter not in {@code allowed} (a misspelt filter must not be ignored silently),
     * naming every unknown one.
     */
    static void only(Context ctx, String... allowed) {
        List<String> known = List.of(allowed);
        List<dev.orchestrator.core.application.Failure.FieldError> unknown = new java.util.ArrayList<>();
        for (String name : ctx.queryParamMap().keySet()) {
            if (!known.contains(name)) {
                unknown.add(new dev.orchestrator.core.application.Failure.FieldError(name, known.isEmpty()
                        ? "is not a query parameter of this route"
                        : "is not a query parameter of this route (known: " + String.join(", ", known) + ")"));
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiProblem.invalid(unknown);
        }
    }

    /** A text parameter, storable (no NUL, no unpaired surrogate). */
    static Optional<String> text(Context ctx, String name) {
        return text(ctx.queryParamMap(), name);
    }

    /** {@link #text(Context, String)} of parameters given otherwise (a bulk action's filter). */
    static Optional<String> text(Map<String, List<String>> params, String name) {
        Optional<String> value = single(params, name);
        value.flatMap(dev.orchestrator.core.domain.catalog.Text::problem).ifPresent(reason -> {
            throw ApiProblem.invalid(name, reason);
        });
        return value;
    }

    static Optional<UUID> uuid(Context ctx, String name) {
        return uuid(ctx.queryParamMap(), name);
    }

    static Optional<UUID> uuid(Map<String, List<String>> params, String name) {
        return single(params, name).map(text -> Uuids.parse(text)
                .orElseThrow(() -> ApiProblem.invalid(name, "must be a UUID")));
    }

    /** A whole number within [min, max]. */
    static Optional<Integer> integer(Context ctx, String name, int min, int max) {
        return integer(ctx.queryParamMap(), name, min, max);
    }

    static Optional<Integer> integer(Map<String, List<String>> params, String name, int min, int max) {
        return single(params, name).map(text -> {
            try {
                int value = Integer.parseInt(text.trim());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw ApiProblem.invalid(name, "must be a whole number from " + min + " to " + max);
        });
    }
}
