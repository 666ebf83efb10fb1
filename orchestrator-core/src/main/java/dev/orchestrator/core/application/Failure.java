package dev.orchestrator.core.application;

import dev.orchestrator.core.domain.escalation.EscalationState;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.ExecutionSteps;
import dev.orchestrator.core.domain.lifecycle.Action;
import java.util.List;

/** The expected ways a use case can fail; adapters map each to their own vocabulary (HTTP status, exit code). */
public sealed interface Failure {

    String message();

    /** The thing does not exist, or the caller may not know that it does. */
    record NotFound(String message) implements Failure {
    }

    /** The caller is known but may not do this. */
    record Forbidden(String message) implements Failure {
    }

    /** The request itself is wrong: each error names the field and the reason. */
    record Invalid(List<FieldError> errors) implements Failure {
        public Invalid {
            errors = List.copyOf(errors);
        }

        public static Invalid of(String field, String message) {
            return new Invalid(List.of(new FieldError(field, message)));
        }

        public String message() {
            return errors.stream().map(e -> e.field() + " " + e.message()).reduce((a, b) -> a + "; " + b).orElse("invalid");
        }
    }

    /** The lifecycle does not allow this action from the current status. */
    record Rejected(ExecutionStatus current, Action attempted) implements Failure {
        public String message() {
            return dev.orchestrator.core.domain.lifecycle.TransitionResult.Rejected.message(current, attempted);
        }
    }

    /** The escalation is not in a state {@code attempted} may happen from; {@code current} null: not escalated. */
    record EscalationRejected(EscalationState current, Action attempted) implements Failure {
        public String message() {
            return current == null ? "cannot " + attempted.wireName() + ": the execution is not escalated"
                    : "cannot " + attempted.wireName() + " an escalation that is " + current.wireName();
        }
    }

    /** A completion refused because required steps of the execution's checklist are open. */
    record StepsOpen(List<ExecutionSteps.Open> steps) implements Failure {
        public StepsOpen {
            steps = List.copyOf(steps);
        }

        public String message() {
            return "cannot complete: required steps are not done: " + steps.stream().map(ExecutionSteps.Open::key)
                    .reduce((a, b) -> a + ", " + b).orElse("");
        }
    }

    /**
     * The execution is blocked by a dependency of its definition ({@code DependencyRule}): it cannot
     * be started until its prerequisites are done.
     */
    record Blocked(List<dev.orchestrator.core.domain.dependency.BlockedBy> blockedBy) implements Failure {
        public Blocked {
            blockedBy = List.copyOf(blockedBy);
        }

        public String message() {
            return "the execution is blocked until its prerequisites are done: " + blockedBy.stream()
                    .map(dev.orchestrator.core.domain.dependency.BlockedBy::describe)
                    .reduce((a, b) -> a + "; " + b).orElse("");
        }
    }

    /** Someone else changed the execution between our read and our write. */
    record Conflict(ExecutionStatus current) implements Failure {
        public String message() {
            return "the execution was changed concurrently; it is now " + current.wireName();
        }
    }

    /**
     * The caller wrote against a version that is no longer the stored one (an ETag's If-Match):
     * nothing was written. {@code current} is the stored version, when the thing still exists.
     */
    record Stale(java.util.OptionalLong current) implements Failure {
        public String message() {
            return current.isPresent() ? "the stored version is " + current.getAsLong() + ": read it again and retry"
                    : "it no longer exists";
        }
    }

    record FieldError(String field, String message) {
    }
}
