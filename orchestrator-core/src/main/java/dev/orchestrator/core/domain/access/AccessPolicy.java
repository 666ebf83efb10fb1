package dev.orchestrator.core.domain.access;

import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.ProfileId;

/**
 * Who may see and act on what. Everything is confined to the viewer's organization. Callers that may
 * not see an execution are told it does not exist, so that its existence is not revealed.
 */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    /**
     * An execution is visible to its assigned CSM, its escalation user, the assigned CSM's manager and
     * the organization's admins.
     */
    public static boolean canView(Profile viewer, WorkflowExecution execution, Profile assignedCsm) {
        if (!viewer.organizationId().equals(execution.organizationId())) {
            return false;
        }
        return viewer.id().equals(execution.assignedCsmId())
                || viewer.id().equals(execution.escalationUserId())
                || viewer.role() == Role.ADMIN
                || (assignedCsm != null && viewer.id().equals(assignedCsm.managerId()));
    }

    /** Whether {@code viewer} may read or build the queue of {@code csm}: themselves, their manager, or an admin. */
    public static boolean canActFor(Profile viewer, Profile csm) {
        if (!viewer.organizationId().equals(csm.organizationId())) {
            return false;
        }
        return viewer.id().equals(csm.id())
                || viewer.role() == Role.ADMIN
                || (viewer.role() == Role.MANAGER && viewer.id().equals(csm.managerId()));
    }

    /**
     * Who may hand an execution to another CSM: an admin of its organization, or a manager for work of
     * their own or of their direct reports ({@code assignedCsm}: the profile it is assigned to). Seeing
     * it is not enough: an escalation user outside the team may not move it.
     */
    public static boolean canReassign(Profile viewer, WorkflowExecution execution, Profile assignedCsm) {
        if (!viewer.organizationId().equals(execution.organizationId())) {
            return false;
        }
        return viewer.role() == Role.ADMIN
                || (viewer.role() == Role.MANAGER && (viewer.id().equals(execution.assignedCsmId())
                        || (assignedCsm != null && viewer.id().equals(assignedCsm.managerId()))));
    }

    /** Who may be handed work: the organization's CSMs and managers. */
    public static boolean canOwnWork(Profile profile) {
        return profile.role() == Role.CSM || profile.role() == Role.MANAGER;
    }

    /**
     * An escalation is acknowledged and resolved by the person it is escalated to, or an admin (the
     * assigned CSM and their manager see it, but it is not theirs to answer).
     */
    public static boolean canAnswerEscalation(Profile viewer, WorkflowExecution execution) {
        return viewer.organizationId().equals(execution.organizationId())
                && (viewer.id().equals(execution.escalationUserId()) || viewer.role() == Role.ADMIN);
    }

    /** Definitions, profiles and policies are managed by admins. */
    public static boolean canManageCatalog(Profile viewer) {
        return viewer.role() == Role.ADMIN;
    }

    /** Customers and their signals are written by admins and integrations. */
    public static boolean canWriteCustomers(Profile viewer) {
        return viewer.role() == Role.ADMIN || viewer.role() == Role.INTEGRATION;
    }

    /**
     * A customer is visible to admins and integrations of its organization, to its CSM and to that
     * CSM's manager (as the CSM's executions are).
     */
    public static boolean canViewCustomer(Profile viewer, ProfileId customerCsm, Profile csm) {
        return viewer.role() == Role.ADMIN || viewer.role() == Role.INTEGRATION
                || viewer.id().equals(customerCsm)
                || (csm != null && viewer.id().equals(csm.managerId()));
    }
}
