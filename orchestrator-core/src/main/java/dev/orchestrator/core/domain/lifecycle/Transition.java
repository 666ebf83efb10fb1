package dev.orchestrator.core.domain.lifecycle;

import dev.orchestrator.core.domain.ids.ProfileId;

/** A request to move an execution along its lifecycle; {@link Lifecycle} decides whether it may. */
public sealed interface Transition {

    Action action();

    record Start() implements Transition {
        public Action action() { return Action.START; }
    }

    record Complete() implements Transition {
        public Action action() { return Action.COMPLETE; }
    }

    /** Snooze for a number of whole days; the execution resurfaces when they have passed. */
    record Snooze(int days) implements Transition {
        public Action action() { return Action.SNOOZE; }
    }

    /** Skip for good; the reason is kept for the CSM's manager. */
    record Skip(String reason) implements Transition {
        public Action action() { return Action.SKIP; }
    }

    record Escalate(ProfileId escalationUserId) implements Transition {
        public Action action() { return Action.ESCALATE; }
    }

    record Wake() implements Transition {
        public Action action() { return Action.WAKE; }
    }

    record UpdateData() implements Transition {
        public Action action() { return Action.UPDATE_DATA; }
    }

    /** Hand the execution to another CSM; the status stays (managers and admins, see {@code AccessPolicy}). */
    record Reassign(ProfileId csmId) implements Transition {
        public Action action() { return Action.REASSIGN; }
    }
}
