package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.port.in.ApplyLifecycleRules;
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
    private final SignalPolicy policy;
    private final Clock clock;

    public LifecycleRulesService(SignalLifecycle lifecycle, SignalPolicy policy, Clock clock) {
        this.lifecycle = lifecycle;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public Report apply(Optional<OrganizationId> organization) {
        Instant now = clock.instant();
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
        long woken = lifecycle.wakeEarly(organization, policy, now);
        SignalLifecycle.AutoCloseReport closed = lifecycle.autoClose(organization, policy, today, now);
        return new Report(woken, closed.counted(), closed.reset(), closed.closed());
    }
}
