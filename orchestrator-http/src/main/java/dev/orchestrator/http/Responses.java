package dev.orchestrator.http;

import dev.orchestrator.core.application.Result;
import io.javalin.http.Context;

/** Writing JSON answers, and unwrapping use-case results (a failure becomes its problem response). */
final class Responses {

    static final String JSON = "application/json";

    private Responses() {
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType(JSON).result(Json.write(body));
    }

    static <T> T valueOf(Result<T> result) {
        if (result instanceof Result.Ok<T> ok) {
            return ok.value();
        }
        throw ApiProblem.from(((Result.Err<T>) result).failure());
    }
}
