package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.workload.LoadCounting;
import dev.orchestrator.core.domain.workload.RebalancePlanner;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Rebalancing a team's work against its members' capacities: a proposal (a dry run), or the same
 * proposal applied through the bulk reassign path, each move checked against the version it was
 * planned on. Managers rebalance their reports, admins the organization's CSMs (within each manager's
 * team); CSMs and integrations may not.
 */
public interface RebalanceTeam {

    Result<Rebalance> rebalance(Profile caller, boolean apply);

    /**
     * For operators (the CLI): {@code manager}'s reports, acting as that manager, or (no manager)
     * {@code organization}'s CSMs, acting as its first admin by name (the events name who moved the work).
     */
    Result<Rebalance> operatorRebalance(Optional<OrganizationId> organization, Optional<ProfileId> manager,
            boolean apply);

    /**
     * @param results empty for a dry run; else one per move, in the proposal's order
     */
    record Rebalance(RebalancePlanner.Proposal proposal, LoadCounting counting, boolean applied,
            List<MoveResult> results, Instant asOf) {
        public Rebalance {
            results = List.copyOf(results);
        }
    }

    /** {@code failure} empty: moved. */
    record MoveResult(RebalancePlanner.Move move, Optional<Failure> failure) {
    }
}
