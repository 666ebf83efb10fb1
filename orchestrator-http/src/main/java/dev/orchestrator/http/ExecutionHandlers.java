package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.TransitionExecution;
import dev.orchestrator.core.application.port.in.TransitionExecution.Outcome;
import dev.orchestrator.core.application.port.in.TransitionExecution.StatusChange;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.lifecycle.Transition;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The lifecycle routes under {@code /api/orchestrator/executions/{id}}: snooze, skip, escalate, reassign, and
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
        Outcome outcome = transition(ctx, read(ctx, TransitionBodies.SNOOZE));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("execution", Representations.execution(outcome.execution()));
        json.put("priority_score", outcome.priority().value());
        json.put("priority_label", outcome.priority().label().displayName());
        json.put("priority_explanation", Representations.explanation(outcome.priority().explanation()));
        json.put("priority_policy_version", outcome.priority().policyVersion());
        Responses.json(ctx, 200, json);
    }

    /**
     * {@code {reason_code, note?}}, or the prototype's {@code {reason}} (recorded as code {@code other}
     * with the text as its note). With neither, the error names {@code reason}, as the prototype's did.
     */
    void skip(Context ctx) {
        respond(ctx, transition(ctx, read(ctx, TransitionBodies.SKIP)));
    }

    void escalate(Context ctx) {
        respond(ctx, transition(ctx, read(ctx, TransitionBodies.ESCALATE)));
    }

    /** Managers (their team's work) and admins hand an execution to another CSM of the organization. */
    void reassign(Context ctx) {
        respond(ctx, transition(ctx, read(ctx, TransitionBodies.REASSIGN)));
    }

    private static Transition read(Context ctx, TransitionBodies reader) {
        return reader.read(JsonBody.read(ctx, reader.fields()));
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
