package dev.orchestrator.http;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Failure.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error response on its way out: thrown by handlers, written as {@code application/problem+json}
 * (RFC 9457) by {@link ProblemResponses}. Carries no stack trace: it is an answer, not a bug.
 */
final class ApiProblem extends RuntimeException {

    private static final String TYPE_PREFIX = "urn:orchestrator:problem:";

    final int status;
    final String type;
    final String title;
    final List<FieldError> errors;
    /** Extra members of the problem object (for example {@code current_status}). */
    final Map<String, Object> members;
    final Map<String, String> headers;

    private ApiProblem(int status, String typeSlug, String title, String detail, List<FieldError> errors,
            Map<String, Object> members, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.type = TYPE_PREFIX + typeSlug;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.members = members;
        this.headers = headers;
    }

    private static ApiProblem of(int status, String slug, String title, String detail) {
        return new ApiProblem(status, slug, title, detail, List.of(), Map.of(), Map.of());
    }

    /** This problem with more response headers. */
    ApiProblem withHeaders(Map<String, String> more) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.putAll(more);
        return new ApiProblem(status, type.substring(TYPE_PREFIX.length()), title, detail(), errors, members, all);
    }

    String detail() {
        return getMessage();
    }

    static ApiProblem badRequest(String detail) {
        return of(400, "bad-request", "Bad Request", detail);
    }

    static ApiProblem invalid(List<FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + " " + e.message()).reduce((a, b) -> a + "; " + b)
                .orElse("the request is invalid");
        return new ApiProblem(400, "validation", "Invalid request", detail, errors, Map.of(), Map.of());
    }

    static ApiProblem invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    static ApiProblem unauthorized(String detail) {
        String challenge = "Bearer error=\"invalid_token\", error_description=\"" + detail.replace("\"", "'") + "\"";
        return new ApiProblem(401, "unauthorized", "Unauthorized", detail, List.of(), Map.of(),
                Map.of("WWW-Authenticate", challenge));
    }

    static ApiProblem missingCredentials(String detail) {
        return new ApiProblem(401, "unauthorized", "Unauthorized", detail, List.of(), Map.of(),
                Map.of("WWW-Authenticate", "Bearer"));
    }

    static ApiProblem forbidden(String detail) {
        return of(403, "forbidden", "Forbidden", detail);
    }

    static ApiProblem notFound(String detail) {
        return of(404, "not-found", "Not Found", detail);
    }

    static ApiProblem contentTooLarge(String detail) {
        return of(413, "content-too-large", "Content Too Large", detail);
    }

    static ApiProblem unavailable(String detail) {
        return of(503, "unavailable", "Service Unavailable", detail);
    }

    /** 503 asking the client to retry after {@code retryAfterSeconds}. */
    static ApiProblem unavailable(String detail, int retryAfterSeconds) {
        return new ApiProblem(503, "unavailable", "Service Unavailable", detail, List.of(), Map.of(),
                Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    /** 503 with extra members (for example the readiness {@code components}). */
    static ApiProblem unavailable(String detail, Map<String, Object> members, int retryAfterSeconds) {
        return new ApiProblem(503, "unavailable", "Service Unavailable", detail, List.of(), members,
                Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    /** 405 naming the methods the path has, in an {@code Allow} header. */
    static ApiProblem methodNotAllowed(String detail, String allow) {
        return new ApiProblem(405, "http-405", "Method Not Allowed", detail, List.of(), Map.of(),
                Map.of("Allow", allow));
    }

    /** Any other status Javalin or Jetty decided on (405, 415, ...). */
    static ApiProblem status(int status, String title, String detail) {
        return of(status, "http-" + status, title, detail);
    }

    /** The HTTP rendering of a use case's expected failure. */
    static ApiProblem from(Failure failure) {
        if (failure instanceof Failure.NotFound notFound) {
            return notFound(notFound.message());
        }
        if (failure instanceof Failure.Forbidden forbidden) {
            return forbidden(forbidden.message());
        }
        if (failure instanceof Failure.Invalid invalid) {
            return invalid(invalid.errors());
        }
        if (failure instanceof Failure.Rejected rejected) {
            Map<String, Object> members = new LinkedHashMap<>();
            members.put("current_status", rejected.current().wireName());
            members.put("attempted_action", rejected.attempted().wireName());
            return new ApiProblem(409, "lifecycle-rejected", "Not allowed in the current status",
                    rejected.message(), List.of(), members, Map.of());
        }
        if (failure instanceof Failure.EscalationRejected rejected) {
            Map<String, Object> members = new LinkedHashMap<>();
            members.put("escalation_state", rejected.current() == null ? null : rejected.current().wireName());
            members.put("attempted_action", rejected.attempted().wireName());
            return new ApiProblem(409, "escalation-rejected", "Not allowed in the escalation's state",
                    rejected.message(), List.of(), members, Map.of());
        }
        if (failure instanceof Failure.StepsOpen open) {
            List<Map<String, Object>> steps = open.steps().stream().map(step -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("key", step.key());
                item.put("title", step.title());
                return item;
            }).toList();
            return new ApiProblem(409, "steps-open", "Required steps are open", open.message(), List.of(),
                    Map.of("open_steps", steps), Map.of());
        }
        if (failure instanceof Failure.Blocked blocked) {
            return new ApiProblem(409, "blocked", "Blocked by a prerequisite", blocked.message(), List.of(),
                    Map.of("blocked_by", Representations.blockedBy(blocked.blockedBy())), Map.of());
        }
        if (failure instanceof Failure.Conflict conflict) {
            return new ApiProblem(409, "concurrent-modification", "Changed concurrently", conflict.message(),
                    List.of(), Map.of("current_status", conflict.current().wireName()), Map.of());
        }
        if (failure instanceof Failure.Stale stale) {
            Map<String, String> headers = stale.current().isPresent()
                    ? Map.of("ETag", ETags.of(stale.current().getAsLong())) : Map.of();
            return new ApiProblem(412, "precondition-failed", "Precondition Failed", stale.message(), List.of(),
                    Map.of(), headers);
        }
        throw new IllegalStateException("unmapped failure " + failure);
    }
}
