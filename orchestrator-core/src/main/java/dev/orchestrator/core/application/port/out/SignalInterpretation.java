package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.application.port.in.InterpretSignals;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.scope.WorkScope;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Scores every customer and creates the triggered executions in bulk, as {@code SignalInterpreter}
 * decides for one customer: assigned to the customer's CSM, scored by {@code priorityPolicy} on
 * {@code today}, created at {@code now} with a creation event, never a second non-terminal
 * execution of one definition for one customer (also when two runs race).
 */
public interface SignalInterpretation {

    /** Interprets the customers within {@code scope} (a definition scope limits the definitions considered). */
    InterpretSignals.Report interpret(WorkScope scope, SignalPolicy signalPolicy, PriorityPolicy priorityPolicy,
            LocalDate today, Instant now);

    /** Every customer, or those of one organization. */
    default InterpretSignals.Report interpret(Optional<OrganizationId> organization, SignalPolicy signalPolicy,
            PriorityPolicy priorityPolicy, LocalDate today, Instant now) {
        return interpret(WorkScope.of(organization), signalPolicy, priorityPolicy, today, now);
    }
}
