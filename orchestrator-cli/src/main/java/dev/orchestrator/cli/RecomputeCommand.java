package dev.orchestrator.cli;

import dev.orchestrator.core.application.port.in.RecomputePriorities;
import dev.orchestrator.core.domain.ids.OrganizationId;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "recompute", mixinStandardHelpOptions = true,
        description = {"Re-score every open execution (not started, underway, snoozed) with one set-based statement, "
                + "of one organization or all; only scores that change are written. Run it daily: snoozed work "
                + "moves as its date nears."})
final class RecomputeCommand extends DatabaseCommand {

    @Mixin
    OrganizationScope organization;

    @Override
    public Integer call() {
        organization.scope(); // a malformed id is a usage error before anything opens
        try (Database database = openMigratedDatabase()) {
            Optional<OrganizationId> scope = organization.scope(database);
            long started = System.nanoTime();
            RecomputePriorities.Report report = database.orchestrator().recomputePriorities().recompute(scope);
            env().out().printf("Recomputed priorities%s: %s open executions examined, %s changed in %s.%n",
                    scope.map(o -> " of organization " + o.value()).orElse(""), Numbers.count(report.examined()),
                    Numbers.count(report.changed()), Numbers.seconds(System.nanoTime() - started));
        }
        return 0;
    }
}
