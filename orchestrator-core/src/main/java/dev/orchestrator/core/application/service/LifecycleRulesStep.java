package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.port.out.SignalLifecycle;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The daily job's step between interpretation and recompute: early wake, then auto-close (count cleared
 * runs, close what reached its count), each set-based in the store. In that order the step is idempotent:
 * work woken today is counted today, so a second run on the same day finds nothing to wake or count. Cooldown needs no action of its own:
 * interpretation, the step before, already leaves cooling pairs alone. Woken work is re-scored by the
 * recompute step that follows.
 */
public final class LifecycleRulesStep {

    private final SignalLifecycle lifecycle;
    private final SignalPolicy policy;
    private final Clock clock;

    public LifecycleRulesStep(SignalLifecycle lifecycle, SignalPolicy policy, Clock clock) {
        this.lifecycle = lifecycle;
        this.policy = policy;
        this.clock = clock;
    }

    /** The step's counts, in the order the docs list them. */
    public Map<String, Long> apply(Optional<OrganizationId> organization) {
        Instant now = clock.instant();
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
        long woken = lifecycle.wakeEarly(organization, policy, now);
        SignalLifecycle.AutoCloseReport closed = lifecycle.autoClose(organization, policy, today, now);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("woken_early", woken);
        counts.put("auto_close_counted", closed.counted());
        counts.put("auto_close_reset", closed.reset());
        counts.put("auto_closed", closed.closed());
        return counts;
    }
}
