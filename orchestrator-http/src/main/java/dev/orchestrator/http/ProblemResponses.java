package dev.orchestrator.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error leaves as {@code application/problem+json} (RFC 9457): {@code type, title, status,
 * detail, instance}, plus {@code request_id}, {@code errors} for validation and {@code current_status}
 * for conflicts. Unexpected exceptions are logged with the request id and answered without details.
 */
final class ProblemResponses {

    static final String CONTENT_TYPE = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    private ProblemResponses() {
    }

    static void register(JavalinConfig config) {
        config.routes.exception(ApiProblem.class, (problem, ctx) -> write(ctx, problem));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromJavalin(e, ctx)));
        config.routes.exception(Exception.class, (e, ctx) -> {
            String requestId = RequestIds.of(ctx);
            var outage = DatabaseFaults.unavailability(e);
            if (outage.isPresent()) {
                LOG.warn("request {} {} {} answered 503: the database does not answer ({}: {})", requestId,
                        ctx.method(), ctx.path(), outage.get().getSQLState(), outage.get().getMessage());
                write(ctx, DatabaseFaults.problem());
                return;
            }
            LOG.error("request {} {} {} failed", requestId, ctx.method(), ctx.path(), e);
            write(ctx, ApiProblem.status(500, "Internal Server Error",
                    "an unexpected error occurred; quote request id " + requestId + " when reporting it"));
        });
    }

    private static ApiProblem fromJavalin(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        if (status == 404) {
            return ApiProblem.notFound("no route for " + ctx.method() + " " + ctx.path());
        }
        if (status == 405) {
            String allow = e.getDetails().getOrDefault("availableMethods", "");
            return ApiProblem.methodNotAllowed(ctx.method() + " is not allowed on " + ctx.path() + "; allowed: "
                    + allow, allow);
        }
        if (status == 413) {
            return ApiProblem.contentTooLarge("the body is larger than " + HttpApi.MAX_BODY_BYTES + " bytes");
        }
        if (status == 400) {
            return ApiProblem.badRequest(e.getMessage());
        }
        return ApiProblem.status(status, HttpStatus.forStatus(status).getMessage(), e.getMessage());
    }

    static void write(Context ctx, ApiProblem problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type);
        body.put("title", problem.title);
        body.put("status", problem.status);
        body.put("detail", problem.detail());
        body.put("instance", ctx.path());
        body.put("request_id", RequestIds.of(ctx));
        putDetails(body, problem);
        problem.headers.forEach(ctx::header);
        ctx.status(problem.status).contentType(CONTENT_TYPE).result(Json.write(body));
    }


    /** A problem as a value inside another answer (one item of a bulk action): no instance, no request id. */
    static Map<String, Object> embedded(ApiProblem problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type);
        body.put("title", problem.title);
        body.put("status", problem.status);
        body.put("detail", problem.detail());
        putDetails(body, problem);
        return body;
    }

    private static void putDetails(Map<String, Object> body, ApiProblem problem) {
        if (!problem.errors.isEmpty()) {
            body.put("errors", problem.errors.stream()
                    .map(error -> Map.of("field", error.field(), "message", error.message()))
                    .toList());
        }
        body.putAll(problem.members);
    }
}
