package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.port.in.RecomputePriorities;
import dev.orchestrator.core.application.port.out.PriorityRecomputation;
import dev.orchestrator.core.domain.ids.OrganizationId;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

/** Runs the bulk priority recompute for today (UTC), each organization with its current policy. */
public final class RecomputeService implements RecomputePriorities {

    private final PriorityRecomputation recomputation;
    private final PolicySource policies;
    private final Clock clock;

    public RecomputeService(PriorityRecomputation recomputation, PolicySource policies, Clock clock) {
        this.recomputation = recomputation;
        this.policies = policies;
        this.clock = clock;
    }

    @Override
    public Report recompute(Optional<OrganizationId> organization) {
        LocalDate today = LocalDate.now(clock);
        long examined = 0;
        long changed = 0;
        for (var job : policies.forJob(organization).entrySet()) {
            Report report = recomputation.recompute(job.getKey(), job.getValue().policies().priority(), today);
            examined += report.examined();
            changed += report.changed();
        }
        return new Report(examined, changed);
    }
}
