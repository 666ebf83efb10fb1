package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.policy.Policies;
import dev.orchestrator.core.domain.policy.SimulationReport;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What-if: the organization's open work scored and ranked under its current policies and under
 * candidates, and the signal interpretation's would-be creations under each, all without writing
 * anything (a database adapter: one read-only transaction, set-based SQL derived from both
 * policies exactly as the recompute and the interpretation derive theirs).
 */
public interface PolicySimulation {

    /**
     * @param csms the CSMs whose queues to report (empty: every CSM with open work); label totals,
     *     creations and closes cover the same work (the customers of those CSMs)
     * @param changedDefinitions definitions of the organization as they would be after the change
     *     (validated; each replaces the stored one of its id in "after": its weight and type in the
     *     scores, its trigger conditions and activity in creations and closes)
     */
    SimulationReport simulate(OrganizationId organization, Optional<Set<ProfileId>> csms, Policies current,
            Policies candidate, List<WorkflowDefinition> changedDefinitions, int topN, LocalDate today, Instant now);
}
