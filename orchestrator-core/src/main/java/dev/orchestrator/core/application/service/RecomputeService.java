package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.port.in.RecomputePriorities;
import dev.orchestrator.core.application.port.out.PriorityRecomputation;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

/** Runs the bulk priority recompute for today (UTC). */
public final class RecomputeService implements RecomputePriorities {

    private final PriorityRecomputation recomputation;
    private final PriorityPolicy policy;
    private final Clock clock;

    public RecomputeService(PriorityRecomputation recomputation, PriorityPolicy policy, Clock clock) {
        this.recomputation = recomputation;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public Report recompute(Optional<OrganizationId> organization) {
        return recomputation.recompute(organization, policy, LocalDate.now(clock));
    }
}
