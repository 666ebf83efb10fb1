package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.workload.RebalancePlanner;
import dev.orchestrator.core.domain.workload.RebalancePolicy;
import java.util.List;
import java.util.Map;

/**
 * The rebalance proposal's one set-based read of a team. Implementations must give exactly what the
 * policy's rules give over the organization's executions (RebalanceReadsContract):
 * <ul>
 *   <li>{@code loads}: for each of {@code capacities}' CSMs with open production work, its load as
 *       {@link RebalancePolicy#weight} counts it (others are absent: 0);</li>
 *   <li>{@code candidates}: the open production items that {@link RebalancePolicy#movable} lets move, of
 *       the CSMs whose load is above their capacity, each with whether the same customer has other open
 *       items with that CSM that may not move; in no particular order.</li>
 * </ul>
 */
public interface RebalanceReads {

    TeamLoad read(OrganizationId organization, Map<ProfileId, Integer> capacities, RebalancePolicy policy,
            PriorityPolicy.LabelThresholds labels);

    record TeamLoad(Map<ProfileId, Long> loads, List<RebalancePlanner.Candidate> candidates) {
        public TeamLoad {
            loads = Map.copyOf(loads);
            candidates = List.copyOf(candidates);
        }
    }
}
