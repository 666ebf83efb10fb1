package dev.orchestrator.http;

import io.javalin.http.Context;
import java.util.UUID;

/** The {@code {id}} path parameter: a UUID, or a 400 naming it. */
final class PathIds {

    private PathIds() {
    }

    static UUID id(Context ctx) {
        return Uuids.parse(ctx.pathParam("id")).orElseThrow(() -> ApiProblem.invalid("id", "must be a UUID"));
    }
}
