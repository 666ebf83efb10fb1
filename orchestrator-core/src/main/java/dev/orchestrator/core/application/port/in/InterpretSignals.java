package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import java.util.List;
import java.util.Optional;

/**
 * The signal job: scores every customer (of one organization, or all) and creates the executions
 * their signals call for, assigned to each customer's CSM. Idempotent.
 */
public interface InterpretSignals {

    Report interpret(Optional<OrganizationId> organization);

    /** Executions created, per definition that triggered at least once. */
    record Report(List<Created> created) {
        public Report {
            created = List.copyOf(created);
        }

        public long total() {
            return created.stream().mapToLong(Created::count).sum();
        }
    }

    record Created(DefinitionId definitionId, String definitionName, long count) {
    }
}
