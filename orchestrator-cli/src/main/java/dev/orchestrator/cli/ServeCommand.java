package dev.orchestrator.cli;

import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the HTTP API.")
final class ServeCommand extends DatabaseCommand {
    @Override
    public Integer call() {
        throw CliFailure.failure("not yet");
    }
}
