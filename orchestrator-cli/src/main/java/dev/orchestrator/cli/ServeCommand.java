package dev.orchestrator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Migrate the database, then serve the HTTP API until SIGTERM/SIGINT (in-flight requests "
                + "finish, then the pool closes).",
                "--demo also seeds the demo data and prints a ready-to-paste curl command with a token for the demo CSM "
                        + "(without a configured secret it generates one for this run)."})
final class ServeCommand extends DatabaseCommand {

    static final String PORT_VARIABLE = "ORCHESTRATOR_PORT";

    @Mixin
    JwtOptions jwt;

    @Option(names = "--port", paramLabel = "PORT",
            description = "TCP port (env ORCHESTRATOR_PORT; default 7070; 0 picks a free one).")
    Integer port;

    @Option(names = "--demo", description = "Seed the demo data and print a curl command to try it.")
    boolean demo;

    @Override
    public Integer call() {
        throw CliFailure.failure("serve needs the PostgreSQL store, which this build does not have yet");
    }
}
