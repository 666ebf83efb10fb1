package dev.orchestrator.cli;

import java.util.Set;
import java.util.UUID;

/** Where the CLI runs the core's set-based priority recompute. */
final class Priorities {

    private Priorities() {}

    /**
     * After an import: re-scores the active executions of the organizations it touched.
     * TODO(merge): wire the core's recomputePriorities() over PostgresStore once it is in main;
     * until then imported executions keep priority_score 0.
     */
    static void recomputeAfterImport(Database database, Set<UUID> organizations, Env env) {
        if (!organizations.isEmpty()) {
            env.out().println("Priority scores not recomputed yet (the PostgreSQL store is not wired in this build).");
        }
    }
}
