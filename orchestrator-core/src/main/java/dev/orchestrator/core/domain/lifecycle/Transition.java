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

    /**
     * Snooze for a number of whole days; the execution resurfaces when they have passed. The reason
     * code (a snooze reason of the organization's catalog) and the note are optional.
     */
    record Snooze(int days, String reasonCode, String note) implements Transition {
        public Snooze(int days) {
            this(days, null, null);
        }

        public Action action() { return Action.SNOOZE; }
    }

    /**
     * Skip for good; the reason is kept for the CSM's manager. {@code reason} is the text kept as the
     * execution's skip reason; {@code reasonCode} null is the prototype's free-text skip, recorded as
     * {@code other} with the reason as its note.
     */
    record Skip(String reason, String reasonCode, String note) implements Transition {
        /** The prototype's skip: a free-text reason only. */
        public Skip(String reason) {
            this(reason, null, null);
        }

        public Action action() { return Action.SKIP; }
    }

    record Escalate(ProfileId escalationUserId) implements Transition {
        public Action action() { return Action.ESCALATE; }
    }

    /** The person escalated to (or an admin) takes the open escalation on, with an optional note. */
    record Acknowledge(String note) implements Transition {
        public Action action() { return Action.ACKNOWLEDGE; }
    }

    /** The person escalated to (or an admin) closes the escalation, with an optional note. */
    record Resolve(String note) implements Transition {
        public Action action() { return Action.RESOLVE; }
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
