package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.application.port.in.RecomputePriorities;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.scope.WorkScope;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Re-scores every active execution in bulk. One call, not a loop: a database adapter does it with
 * set-based SQL derived from {@code policy}, writing only rows whose score changes.
 */
public interface PriorityRecomputation {

    /** Re-scores the active executions within {@code scope}. */
    RecomputePriorities.Report recompute(WorkScope scope, PriorityPolicy policy, LocalDate today);

    /** Every active execution, or those of one organization. */
    default RecomputePriorities.Report recompute(Optional<OrganizationId> organization, PriorityPolicy policy,
            LocalDate today) {
        return recompute(WorkScope.of(organization), policy, today);
    }
}
