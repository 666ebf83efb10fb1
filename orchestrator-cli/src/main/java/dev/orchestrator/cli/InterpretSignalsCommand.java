package dev.orchestrator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "interpret-signals", mixinStandardHelpOptions = true,
        description = "Score every customer's signals and create the executions they call for.")
final class InterpretSignalsCommand extends DatabaseCommand {

    @Option(names = "--organization", paramLabel = "ID", description = "Only this organization.")
    String organization;

    @Override
    public Integer call() {
        throw CliFailure.failure("interpret-signals needs the PostgreSQL store, which this build does not have yet");
    }
}
