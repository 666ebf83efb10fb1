package dev.orchestrator.http;

import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.lifecycle.Transition;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How each lifecycle action reads its parameters: the body of its single route
 * ({@code POST …/executions/{id}/snooze} reads {@code {days}}) and, the same way, the {@code params}
 * of a bulk action. One reader per action, so that the two cannot drift apart.
 */
enum TransitionBodies {
    SNOOZE("snooze", List.of("days", "reason_code", "note"), body -> {
        Integer days = body.requiredInt("days");
        Optional<String> code = body.optionalText("reason_code");
        Optional<String> note = body.optionalText("note");
        body.validated();
        return new Transition.Snooze(days, code.orElse(null), note.orElse(null));
    }),
    /** {@code {reason_code, note?}}, or the prototype's {@code {reason}} (code {@code other}, the text as note). */
    SKIP("skip", List.of("reason", "reason_code", "note"), body -> {
        Optional<String> code = body.optionalText("reason_code");
        Optional<String> note = body.optionalText("note");
        Optional<String> reason = body.optionalText("reason");
        // By what was given, not by what was valid: a reason_code that is not a string is that one error.
        if (!body.has("reason_code") && body.has("note")) {
            body.reject("reason_code", "is required with a note");
        }
        if (body.has("reason_code") && body.has("reason")) {
            body.reject("reason", "cannot be given with reason_code: put the text in note");
        }
        if (!body.has("reason_code") && !body.has("reason") && !body.has("note")) {
            body.reject("reason", "is required: give reason_code (and an optional note), or reason");
        }
        body.validated();
        return code.isPresent() ? new Transition.Skip(null, code.get(), note.orElse(null))
                : new Transition.Skip(reason.get());
    }),
    ESCALATE("escalate", List.of("escalation_user_id"), body -> {
        UUID escalationUser = body.requiredUuid("escalation_user_id");
        body.validated();
        return new Transition.Escalate(ProfileId.of(escalationUser));
    }),
    START("start", List.of(), body -> {
        body.validated();
        return new Transition.Start();
    }),
    REASSIGN("reassign", List.of("csm_id"), body -> {
        UUID csm = body.requiredUuid("csm_id");
        body.validated();
        return new Transition.Reassign(ProfileId.of(csm));
    });

    static final String ACTIONS = Arrays.stream(values()).map(b -> b.action).collect(Collectors.joining(", "));

    private final String action;
    private final List<String> fields;
    private final Function<JsonBody, Transition> reader;

    TransitionBodies(String action, List<String> fields, Function<JsonBody, Transition> reader) {
        this.action = action;
        this.fields = fields;
        this.reader = reader;
    }

    static Optional<TransitionBodies> of(String action) {
        return Arrays.stream(values()).filter(b -> b.action.equals(action)).findFirst();
    }

    /** The fields this action's body may hold. */
    String[] fields() {
        return fields.toArray(String[]::new);
    }

    /** The transition {@code body} asks for (read with {@link #fields()} allowed); a 400 naming each bad field. */
    Transition read(JsonBody body) {
        return reader.apply(body);
    }
}
