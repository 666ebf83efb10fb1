package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.port.in.InterpretSignals;
import dev.orchestrator.core.application.port.out.SignalInterpretation;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/** Runs the bulk signal interpretation now. */
public final class InterpretService implements InterpretSignals {

    private final SignalInterpretation interpretation;
    private final SignalPolicy signalPolicy;
    private final PriorityPolicy priorityPolicy;
    private final Clock clock;

    public InterpretService(SignalInterpretation interpretation, SignalPolicy signalPolicy,
            PriorityPolicy priorityPolicy, Clock clock) {
        this.interpretation = interpretation;
        this.signalPolicy = signalPolicy;
        this.priorityPolicy = priorityPolicy;
        this.clock = clock;
    }

    @Override
    public Report interpret(Optional<OrganizationId> organization) {
        Instant now = clock.instant();
        return interpretation.interpret(organization, signalPolicy, priorityPolicy,
                now.atOffset(ZoneOffset.UTC).toLocalDate(), now);
    }
}
