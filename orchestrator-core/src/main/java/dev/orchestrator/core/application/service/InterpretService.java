package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.port.in.InterpretSignals;
import dev.orchestrator.core.application.port.out.SignalInterpretation;
import dev.orchestrator.core.domain.ids.OrganizationId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs the bulk signal interpretation now, each organization with its current policies. */
public final class InterpretService implements InterpretSignals {

    private final SignalInterpretation interpretation;
    private final PolicySource policies;
    private final Clock clock;

    public InterpretService(SignalInterpretation interpretation, PolicySource policies, Clock clock) {
        this.interpretation = interpretation;
        this.policies = policies;
        this.clock = clock;
    }

    @Override
    public Report interpret(Optional<OrganizationId> organization) {
        Instant now = clock.instant();
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
        List<Created> created = new ArrayList<>();
        for (var job : policies.forJob(organization).entrySet()) {
            var p = job.getValue().policies();
            created.addAll(interpretation.interpret(job.getKey(), p.signals(), p.priority(), today, now).created());
        }
        return new Report(created);
    }
}
