package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The daily job's signal-aware lifecycle rules, each applied to every execution at once, each action
 * with its event (no actor: the system acted). Idempotent: a second run on the same day changes nothing.
 * Cooldown is not here: interpretation applies it when it decides what to create.
 */
public interface SignalLifecycle {

    /**
     * {@code AutoCloseRule} for today: counts (or resets) the cleared runs of every signal-created
     * {@code not_started} execution and skips those that reached {@code after_runs}, at {@code now}.
     */
    AutoCloseReport autoClose(Optional<OrganizationId> organization, SignalPolicy policy, LocalDate today, Instant now);

    /** {@code EarlyWakeRule}: wakes every snoozed execution whose customer's risk rose enough, at {@code now}. */
    long wakeEarly(Optional<OrganizationId> organization, SignalPolicy policy, Instant now);

    /** Of {@code executions}, those back from snooze by an early wake and not touched since: why they are back. */
    Map<ExecutionId, WokenEarly> wokenEarly(OrganizationId organization, Collection<ExecutionId> executions);

    /** {@code counted}: executions whose run count went up; {@code reset}: back to 0; {@code closed}: skipped. */
    record AutoCloseReport(long counted, long reset, long closed) {
    }

    /** The customer's risk score when the execution was snoozed, and when the daily job woke it. */
    record WokenEarly(int riskAtSnooze, int riskAtWake) {
    }
}
