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
        organization.scope(); // a malformed id is a usage error before anything opens
        Env env = env();
        try (Database database = openMigratedDatabase()) {
            Optional<OrganizationId> scope = organization.scope(database);
            long started = System.nanoTime();
            InterpretSignals.Report report = database.orchestrator().interpretSignals().interpret(scope);
            String seconds = Numbers.seconds(System.nanoTime() - started);
            if (report.created().isEmpty()) {
                env.out().printf("No executions created%s (%s).%n",
                        scope.map(o -> " in organization " + o.value()).orElse(""), seconds);
                return 0;
            }
            env.out().println("Executions created per definition:");
            for (InterpretSignals.Created c : report.created()) {
                env.out().printf("  %9s  %s  %s%n", Numbers.count(c.count()), c.definitionId().value(), c.definitionName());
            }
            env.out().printf("%s executions created in %s.%n", Numbers.count(report.total()), seconds);
        }
        return 0;
    }
}
