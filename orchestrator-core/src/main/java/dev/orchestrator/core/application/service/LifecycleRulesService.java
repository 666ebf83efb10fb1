package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.port.in.ApplyLifecycleRules;
import dev.orchestrator.core.application.port.out.DependencyBlocks;
import dev.orchestrator.core.application.port.out.SignalLifecycle;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * {@link ApplyLifecycleRules}, the daily job's step between interpretation and recompute: early wake, then
 * auto-close, each set-based in the store. In that order the step is idempotent: work woken today is
 * counted today, so a second run on the same day finds nothing to wake or count. Woken work is re-scored
 * by the recompute step that follows.
 */
public final class LifecycleRulesService implements ApplyLifecycleRules {

    private final SignalLifecycle lifecycle;
    private final DependencyBlocks dependencies;
    private final PolicySource policies;
    private final Clock clock;

    public LifecycleRulesService(SignalLifecycle lifecycle, DependencyBlocks dependencies, PolicySource policies,
            Clock clock) {
        this.lifecycle = lifecycle;
        this.dependencies = dependencies;
        this.policies = policies;
        this.clock = clock;
    }

    @Override
    public Report apply(Optional<OrganizationId> organization) {
        Instant now = clock.instant();
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
        long woken = 0;
        long counted = 0;
        long reset = 0;
        long autoClosed = 0;
        // Each organization with its own signal policy: the risk and opportunity scores the rules compare.
        for (var job : policies.forJob(organization).entrySet()) {
            SignalPolicy policy = job.getValue().policies().signals();
            woken += lifecycle.wakeEarly(job.getKey(), policy, now);
            SignalLifecycle.AutoCloseReport closed = lifecycle.autoClose(job.getKey(), policy, today, now);
            counted += closed.counted();
            reset += closed.reset();
            autoClosed += closed.closed();
            if (closed.closed() > 0) {
                // An auto-closed prerequisite no longer blocks: its customer's dependents may be available now.
                dependencies.releaseClosedAt(job.getKey(), now);
            }
        }
        return new Report(woken, counted, reset, autoClosed);
    }
}
