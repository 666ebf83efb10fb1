package dev.orchestrator.cli;

import picocli.CommandLine.Command;

@Command(name = "token", mixinStandardHelpOptions = true, description = "Print a JWT for a profile.")
final class TokenCommand extends DatabaseCommand {
    @Override
    public Integer call() {
        throw CliFailure.failure("not yet");
    }
}
