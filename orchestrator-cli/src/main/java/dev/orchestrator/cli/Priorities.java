package dev.orchestrator.cli;

import dev.orchestrator.core.application.port.in.RecomputePriorities;
import dev.orchestrator.core.domain.ids.OrganizationId;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Where the CLI runs the core's set-based priority recompute. */
final class Priorities {

    private Priorities() {}

    /** After an import: re-scores the open executions of the organizations it touched. */
    static void recomputeAfterImport(Database database, Set<UUID> organizations, Env env) {
        if (organizations.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        RecomputePriorities recompute = database.orchestrator().recomputePriorities();
        long examined = 0;
        long changed = 0;
        for (UUID organization : organizations) {
            RecomputePriorities.Report report = recompute.recompute(Optional.of(new OrganizationId(organization)));
            examined += report.examined();
            changed += report.changed();
        }
        env.out().printf("Recomputed priorities of %d organization(s): %d open executions examined, %d changed "
                + "(%.1f s).%n", organizations.size(), examined, changed, (System.nanoTime() - started) / 1e9);
    }
}
