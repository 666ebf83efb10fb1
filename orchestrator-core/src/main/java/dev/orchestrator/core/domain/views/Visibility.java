package dev.orchestrator.core.domain.views;

import dev.orchestrator.core.domain.escalation.EscalationState;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.ProfileId;
import java.util.Objects;
import java.util.Set;

/**
 * Which executions of the organization a list may hold, before any filter. Always within
 * {@code AccessPolicy.canView}: the work a caller owns (their own, a manager's reports', an admin's
 * whole organization), or the work escalated to them ({@code escalated_to=me}).
 */
public sealed interface Visibility {

    boolean covers(WorkflowExecution execution);

    /** Everything of the organization (admins). */
    record WholeOrganization() implements Visibility {
        @Override
        public boolean covers(WorkflowExecution execution) {
            return true;
        }
    }

    /** Executions assigned to one of {@code csms} (the caller, and the caller's reports). */
    record AssignedTo(Set<ProfileId> csms) implements Visibility {
        public AssignedTo {
            csms = Set.copyOf(csms);
            if (csms.isEmpty()) {
                throw new IllegalArgumentException("at least the caller");
            }
        }

        @Override
        public boolean covers(WorkflowExecution execution) {
            return csms.contains(execution.assignedCsmId());
        }
    }

    /**
     * Executions escalated to {@code person} whose escalation is not resolved (one escalated before
     * the escalation loop existed counts as open).
     */
    record EscalatedTo(ProfileId person) implements Visibility {
        public EscalatedTo {
            Objects.requireNonNull(person, "person");
        }

        @Override
        public boolean covers(WorkflowExecution execution) {
            return person.equals(execution.escalationUserId()) && (execution.escalation() == null
                    || EscalationState.UNRESOLVED.contains(execution.escalation().state()));
        }
    }
}
