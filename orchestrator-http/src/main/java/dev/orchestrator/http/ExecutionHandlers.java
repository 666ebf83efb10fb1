package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.TransitionExecution;
import dev.orchestrator.core.application.port.in.TransitionExecution.Outcome;
import dev.orchestrator.core.application.port.in.TransitionExecution.StatusChange;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.lifecycle.Transition;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The lifecycle routes under {@code /api/orchestrator/executions/{id}}: snooze, skip, escalate, and
 * the status PATCH. Range checks (days, reason length, who may be the escalation user) are the core's.
 */
final class ExecutionHandlers {

    private static final String STATUSES = Arrays.stream(ExecutionStatus.values())
            .map(ExecutionStatus::wireName).collect(Collectors.joining(", "));

    private final TransitionExecution transitions;

    ExecutionHandlers(TransitionExecution transitions) {
        this.transitions = transitions;
    }

    void snooze(Context ctx) {
        JsonBody body = JsonBody.read(ctx, "days", "reason_code", "note");
        Integer days = body.requiredInt("days");
        Optional<String> code = body.optionalText("reason_code");
        Optional<String> note = body.optionalText("note");
        body.validated();
        Outcome outcome = transition(ctx, new Transition.Snooze(days, code.orElse(null), note.orElse(null)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("execution", Representations.execution(outcome.execution()));
        json.put("priority_score", outcome.priority().value());
        json.put("priority_label", outcome.priority().label().displayName());
        json.put("priority_explanation", Representations.explanation(outcome.priority().explanation()));
        Responses.json(ctx, 200, json);
    }

    /**
     * {@code {reason_code, note?}}, or the prototype's {@code {reason}} (recorded as code {@code other}
     * with the text as its note). With neither, the error names {@code reason}, as the prototype's did.
     */
    void skip(Context ctx) {
        JsonBody body = JsonBody.read(ctx, "reason", "reason_code", "note");
        Optional<String> code = body.optionalText("reason_code");
        Optional<String> note = body.optionalText("note");
        Optional<String> reason = body.optionalText("reason");
        body.validated();
        if (code.isEmpty() && note.isPresent()) {
            throw ApiProblem.invalid("reason_code", "is required with a note");
        }
        if (code.isPresent() && reason.isPresent()) {
            throw ApiProblem.invalid("reason", "cannot be given with reason_code: put the text in note");
        }
        if (code.isEmpty() && reason.isEmpty()) {
            throw ApiProblem.invalid("reason", "is required: give reason_code (and an optional note), or reason");
        }
        Transition.Skip skip = code.isPresent() ? new Transition.Skip(null, code.get(), note.orElse(null))
                : new Transition.Skip(reason.get());
        respond(ctx, transition(ctx, skip));
    }

    void escalate(Context ctx) {
        JsonBody body = JsonBody.read(ctx, "escalation_user_id");
        UUID escalationUser = body.requiredUuid("escalation_user_id");
        body.validated();
        respond(ctx, transition(ctx, new Transition.Escalate(ProfileId.of(escalationUser))));
    }

    /** The person escalated to (or an admin) acknowledges the open escalation; the body {@code {note?}} is optional. */
    void acknowledge(Context ctx) {
        respond(ctx, transition(ctx, new Transition.Acknowledge(optionalNote(ctx))));
    }

    /** The person escalated to (or an admin) resolves the escalation, open or acknowledged; {@code {note?}}. */
    void resolve(Context ctx) {
        respond(ctx, transition(ctx, new Transition.Resolve(optionalNote(ctx))));
    }

    private static String optionalNote(Context ctx) {
        if (ctx.bodyAsBytes().length == 0) {
            return null;
        }
        JsonBody body = JsonBody.read(ctx, "note");
        Optional<String> note = body.optionalText("note");
        body.validated();
        return note.orElse(null);
    }

    /** {@code status} picks the transition (the core derives it from the lifecycle table); data is merge-patched. */
    void changeStatus(Context ctx) {
        JsonBody body = JsonBody.read(ctx, "status", "execution_data", "days", "reason");
        String statusText = body.requiredText("status");
        Optional<JsonObject> data = body.optionalObject("execution_data");
        Optional<Integer> days = body.optionalInt("days");
        Optional<String> reason = body.optionalText("reason");
        body.validated();
        ExecutionStatus status = ExecutionStatus.fromWireName(statusText)
                .orElseThrow(() -> ApiProblem.invalid("status", "must be one of " + STATUSES));
        StatusChange change = new StatusChange(status, days.orElse(null), reason.orElse(null));
        Outcome outcome = Responses.valueOf(transitions.changeStatus(Authentication.caller(ctx),
                QueryParameters.executionId(ctx), change, data.orElse(null)));
        respond(ctx, outcome);
    }

    private Outcome transition(Context ctx, Transition transition) {
        return Responses.valueOf(transitions.transition(Authentication.caller(ctx), QueryParameters.executionId(ctx),
                transition, null));
    }

    private static void respond(Context ctx, Outcome outcome) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("execution", Representations.execution(outcome.execution()));
        Responses.json(ctx, 200, json);
    }
}
