package dev.orchestrator.core.domain.lifecycle;

import static dev.orchestrator.core.domain.execution.ExecutionStatus.ACTIVE;
import static dev.orchestrator.core.domain.execution.ExecutionStatus.COMPLETED;
import static dev.orchestrator.core.domain.execution.ExecutionStatus.NOT_STARTED;
import static dev.orchestrator.core.domain.execution.ExecutionStatus.SKIPPED;
import static dev.orchestrator.core.domain.execution.ExecutionStatus.SNOOZED;
import static dev.orchestrator.core.domain.execution.ExecutionStatus.UNDERWAY;

import dev.orchestrator.core.domain.catalog.Problem;
import dev.orchestrator.core.domain.catalog.Problems;
import dev.orchestrator.core.domain.catalog.Text;
import dev.orchestrator.core.domain.escalation.Escalation;
import dev.orchestrator.core.domain.escalation.EscalationState;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.ExecutionSteps;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.json.JsonMergePatch;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.reasons.ReasonCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The execution lifecycle: the one place that says which action may happen from which status and
 * where it leads. Stores use {@link #allowedFrom} to guard their writes, so the database cannot
 * disagree with this table. See docs/lifecycle.md for the diagram.
 */
public final class Lifecycle {

    public static final int MIN_SNOOZE_DAYS = 1;
    public static final int MAX_SNOOZE_DAYS = 90;
    public static final int MAX_SKIP_REASON_LENGTH = 500;

    /** An action is allowed from these statuses and leads to that one (empty: the status stays). */
    private record Rule(Set<ExecutionStatus> from, Optional<ExecutionStatus> to) {
    }

    private static final Map<Action, Rule> RULES = rules();

    private static Map<Action, Rule> rules() {
        Map<Action, Rule> rules = new EnumMap<>(Action.class);
        rules.put(Action.START, new Rule(EnumSet.of(NOT_STARTED, SNOOZED), Optional.of(UNDERWAY)));
        rules.put(Action.COMPLETE, new Rule(EnumSet.of(UNDERWAY), Optional.of(COMPLETED)));
        rules.put(Action.SNOOZE, new Rule(ACTIVE, Optional.of(SNOOZED)));
        rules.put(Action.SKIP, new Rule(ACTIVE, Optional.of(SKIPPED)));
        rules.put(Action.ESCALATE, new Rule(ACTIVE, Optional.empty()));
        rules.put(Action.WAKE, new Rule(EnumSet.of(SNOOZED), Optional.of(NOT_STARTED)));
        rules.put(Action.UPDATE_DATA, new Rule(ACTIVE, Optional.empty()));
        // Open work can change hands; closed work keeps the CSM who closed it.
        rules.put(Action.REASSIGN, new Rule(ACTIVE, Optional.empty()));
        // The escalation loop goes on whatever the status (work completed while escalated is still
        // acknowledged and resolved); which escalation states allow them is Escalation.allowedFrom.
        rules.put(Action.ACKNOWLEDGE, new Rule(EnumSet.allOf(ExecutionStatus.class), Optional.empty()));
        rules.put(Action.RESOLVE, new Rule(EnumSet.allOf(ExecutionStatus.class), Optional.empty()));
        return Collections.unmodifiableMap(rules);
    }

    private Lifecycle() {
    }

    /** The statuses from which {@code action} may happen; empty for {@link Action#CREATE}. */
    public static Set<ExecutionStatus> allowedFrom(Action action) {
        Rule rule = RULES.get(action);
        return rule == null ? Set.of() : Collections.unmodifiableSet(rule.from());
    }

    /** Where {@code action} leads from {@code current}, if it is allowed there. */
    public static Optional<ExecutionStatus> target(Action action, ExecutionStatus current) {
        Rule rule = RULES.get(action);
        if (rule == null || !rule.from().contains(current)) {
            return Optional.empty();
        }
        return Optional.of(rule.to().orElse(current));
    }

    /**
     * The action a request for "status {@code requested}" means for an execution that is
     * {@code current}: {@link Action#UPDATE_DATA} (save progress) when they are the same, otherwise the
     * one action of the table that leads to {@code requested}. Whether that action is allowed from
     * {@code current} is still for {@link #apply} to decide.
     */
    public static Action actionTowards(ExecutionStatus current, ExecutionStatus requested) {
        if (requested == current) {
            return Action.UPDATE_DATA;
        }
        return RULES.entrySet().stream()
                .filter(rule -> rule.getValue().to().equals(Optional.of(requested)))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no action leads to " + requested));
    }

    /**
     * Applies {@code transition} to {@code execution} at {@code now}, merging {@code dataPatch} into
     * the execution data (JSON Merge Patch) when one is given.
     */
    public static TransitionResult apply(
            WorkflowExecution execution, Transition transition, JsonObject dataPatch, ProfileId actor, Instant now) {
        Optional<TransitionResult.Invalid> invalid = validate(execution, transition);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        if (dataPatch != null) {
            // What no store can keep (a NUL, an unpaired surrogate) is refused here, for every caller.
            Problems unstorable = new Problems();
            Text.checkJson(dataPatch.values(), "execution_data", unstorable);
            if (!unstorable.isEmpty()) {
                Problem first = unstorable.kept().get(0);
                return new TransitionResult.Invalid(first.field(), first.reason());
            }
        }
        ExecutionStatus from = execution.status();
        Optional<ExecutionStatus> to = target(transition.action(), from);
        if (to.isEmpty()) {
            return new TransitionResult.Rejected(from, transition.action());
        }
        if (transition instanceof Transition.Acknowledge || transition instanceof Transition.Resolve) {
            EscalationState state = execution.escalation() == null ? null : execution.escalation().state();
            if (state == null || !Escalation.allowedFrom(transition.action()).contains(state)) {
                return new TransitionResult.EscalationRejected(state, transition.action());
            }
        }
        WorkflowExecution.Changes changes = execution.change().status(to.get());
        if (to.get() != SNOOZED) {
            changes.snooze(null, null, null);
        }
        Integer days = null;
        String reason = null;
        String reasonCode = null;
        String note = null;
        ProfileId escalationUser = null;
        // Java 17 has no pattern switch yet: the sealed hierarchy keeps this chain complete.
        if (transition instanceof Transition.Start && execution.startedAt() == null) {
            changes.startedAt(now);
        } else if (transition instanceof Transition.Complete) {
            changes.completedAt(now);
        } else if (transition instanceof Transition.Snooze snooze) {
            days = snooze.days();
            reasonCode = snooze.reasonCode();
            note = trimmed(snooze.note());
            changes.snooze(now.plus(Duration.ofDays(days)), days, now).reasonCode(reasonCode);
        } else if (transition instanceof Transition.Skip skip) {
            reason = skip.reason().trim();
            // The prototype's free-text reason: code 'other', its text the note.
            reasonCode = skip.reasonCode() == null ? ReasonCatalog.OTHER : skip.reasonCode();
            note = skip.reasonCode() == null ? reason : trimmed(skip.note());
            changes.skipped(now, reason).reasonCode(reasonCode);
        } else if (transition instanceof Transition.Escalate escalate) {
            // To anyone, again or for the first time: a new open escalation for that person.
            escalationUser = escalate.escalationUserId();
            changes.escalationUserId(escalationUser).escalation(Escalation.opened(actor, now));
        } else if (transition instanceof Transition.Reassign reassign) {
            changes.assignedCsmId(reassign.csmId());
        } else if (transition instanceof Transition.Acknowledge || transition instanceof Transition.Resolve) {
            escalationUser = execution.escalationUserId();
            note = trimmed(transition instanceof Transition.Acknowledge ack ? ack.note()
                    : ((Transition.Resolve) transition).note());
            changes.escalation(execution.escalation().after(transition.action(), actor, now, note));
        }
        JsonObject data = execution.executionData();
        if (dataPatch != null) {
            ExecutionSteps.Patched patched = ExecutionSteps.afterPatch(data,
                    JsonMergePatch.apply(execution.executionData(), dataPatch));
            if (patched instanceof ExecutionSteps.Patched.Refused refused) {
                return new TransitionResult.Invalid(refused.field(), refused.reason());
            }
            data = ((ExecutionSteps.Patched.Ok) patched).data();
            changes.executionData(data);
        }
        if (transition instanceof Transition.Complete) {
            // The template's required steps are the work: an execution is done when they are.
            List<ExecutionSteps.Open> open = ExecutionSteps.openRequired(data);
            if (!open.isEmpty()) {
                return new TransitionResult.StepsOpen(open);
            }
        }
        WorkflowExecution next = changes.at(now);
        ExecutionEvent event = transition instanceof Transition.Reassign
                ? new ExecutionEvent(execution.id(), execution.organizationId(), actor, Action.REASSIGN, from,
                        next.status(), null, null, null, now, execution.assignedCsmId(), next.assignedCsmId(), null, null)
                : new ExecutionEvent(execution.id(), execution.organizationId(), actor, transition.action(), from,
                        next.status(), days, reason, escalationUser, now, null, null, reasonCode, note);
        return new TransitionResult.Applied(next, event);
    }

    /**
     * What can be said of {@code transition}'s parameters without an execution (snooze days, skip
     * reason, an escalation user at all): checked once up front for a bulk action, and by
     * {@link #apply} for each one.
     */
    public static Optional<TransitionResult.Invalid> checkParameters(Transition transition) {
        if (transition instanceof Transition.Snooze snooze
                && (snooze.days() < MIN_SNOOZE_DAYS || snooze.days() > MAX_SNOOZE_DAYS)) {
            return invalid("days", "must be a whole number of days from " + MIN_SNOOZE_DAYS + " to " + MAX_SNOOZE_DAYS);
        }
        Optional<TransitionResult.Invalid> badNote = transition instanceof Transition.Skip skip ? note(skip.note())
                : transition instanceof Transition.Snooze snooze ? note(snooze.note())
                : transition instanceof Transition.Acknowledge ack ? note(ack.note())
                : transition instanceof Transition.Resolve resolve ? note(resolve.note()) : Optional.empty();
        if (badNote.isPresent()) {
            return badNote;
        }
        if (transition instanceof Transition.Skip skip) {
            if (skip.reason() == null || skip.reason().isBlank()) {
                return invalid("reason", "is required");
            }
            if (skip.reason().trim().length() > MAX_SKIP_REASON_LENGTH) {
                return invalid("reason", "must be at most " + MAX_SKIP_REASON_LENGTH + " characters after trimming");
            }
            Optional<String> unstorable = Text.problem(skip.reason());
            if (unstorable.isPresent()) {
                return invalid("reason", unstorable.get());
            }
        }
        if (transition instanceof Transition.Escalate escalate && escalate.escalationUserId() == null) {
            return invalid("escalation_user_id", "is required");
        }
        if (transition instanceof Transition.Reassign reassign && reassign.csmId() == null) {
            return invalid("csm_id", "is required");
        }
        return Optional.empty();
    }

    private static Optional<TransitionResult.Invalid> validate(WorkflowExecution execution, Transition transition) {
        Optional<TransitionResult.Invalid> parameters = checkParameters(transition);
        if (parameters.isPresent()) {
            return parameters;
        }
        if (transition instanceof Transition.Escalate escalate) {
            if (escalate.escalationUserId().equals(execution.assignedCsmId())) {
                return invalid("escalation_user_id", "must be someone other than the assigned CSM");
            }
        }
        if (transition instanceof Transition.Reassign reassign && reassign.csmId().equals(execution.assignedCsmId())) {
            return invalid("csm_id", "is the assigned CSM already");
        }
        return Optional.empty();
    }

    /** A note is optional; given, it is 1 to {@value ReasonCatalog#MAX_NOTE_LENGTH} storable characters after trimming. */
    private static Optional<TransitionResult.Invalid> note(String note) {
        if (note == null) {
            return Optional.empty();
        }
        if (note.isBlank()) {
            return invalid("note", "must not be blank (leave it out instead)");
        }
        if (note.trim().length() > ReasonCatalog.MAX_NOTE_LENGTH) {
            return invalid("note", "must be at most " + ReasonCatalog.MAX_NOTE_LENGTH + " characters after trimming");
        }
        return Text.problem(note).flatMap(problem -> invalid("note", problem));
    }

    private static String trimmed(String text) {
        return text == null ? null : text.trim();
    }

    private static Optional<TransitionResult.Invalid> invalid(String field, String message) {
        return Optional.of(new TransitionResult.Invalid(field, message));
    }
}
