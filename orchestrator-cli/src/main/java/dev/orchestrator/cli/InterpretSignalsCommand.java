package dev.orchestrator.cli;

import dev.orchestrator.core.application.port.in.InterpretSignals;
import dev.orchestrator.core.domain.ids.OrganizationId;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "interpret-signals", mixinStandardHelpOptions = true,
        description = {"Score every customer's signals (opportunity and risk, 0-10) and create the executions that "
                + "active, non-demo definitions with thresholds call for, assigned to the customer's CSM. Never a "
                + "second open execution of one definition for one customer, so running it twice is harmless."})
final class InterpretSignalsCommand extends DatabaseCommand {

    @Mixin
    OrganizationScope organization;

    @Override
    public Integer call() {
        Optional<OrganizationId> scope = organization.scope();
        Env env = env();
        try (Database database = openMigratedDatabase()) {
            long started = System.nanoTime();
            InterpretSignals.Report report = database.orchestrator().interpretSignals().interpret(scope);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (report.created().isEmpty()) {
                env.out().printf("No executions created%s (%.1f s).%n",
                        scope.map(o -> " in organization " + o.value()).orElse(""), seconds);
                return 0;
            }
            env.out().println("Executions created per definition:");
            for (InterpretSignals.Created c : report.created()) {
                env.out().printf("  %8d  %s  %s%n", c.count(), c.definitionId().value(), c.definitionName());
            }
            env.out().printf("%d executions created in %.1f s.%n", report.total(), seconds);
        }
        return 0;
    }
}
