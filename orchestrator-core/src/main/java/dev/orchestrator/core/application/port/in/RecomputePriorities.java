package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.domain.ids.OrganizationId;
import java.util.Optional;

/** The daily job: re-scores every active execution (of one organization, or all), set-based. */
public interface RecomputePriorities {

    Report recompute(Optional<OrganizationId> organization);

    /** {@code examined}: active executions looked at; {@code changed}: rows whose score was rewritten. */
    record Report(long examined, long changed) {
    }
}
