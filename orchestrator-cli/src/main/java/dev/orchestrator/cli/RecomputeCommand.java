package dev.orchestrator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "recompute", mixinStandardHelpOptions = true,
        description = "Re-score every open execution (set-based), of one organization or all.")
final class RecomputeCommand extends DatabaseCommand {

    @Option(names = "--organization", paramLabel = "ID", description = "Only this organization.")
    String organization;

    @Override
    public Integer call() {
        throw CliFailure.failure("recompute needs the PostgreSQL store, which this build does not have yet");
    }
}
