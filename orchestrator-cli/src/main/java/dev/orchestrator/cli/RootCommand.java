package dev.orchestrator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "orchestrator",
        mixinStandardHelpOptions = true,
        versionProvider = RootCommand.Version.class,
        description = {
                "Decides which piece of customer-success work a CSM should do next.",
                "",
                "Without --db-url (ORCHESTRATOR_DB_URL) every command uses an embedded PostgreSQL "
                        + "whose data lives in --data-dir (default ~/.orchestrator/pgdata)."},
        subcommands = {
                MigrateCommand.class,
                SeedCommand.class,
                ImportCommand.class,
                RecomputeCommand.class,
                InterpretSignalsCommand.class,
                JobsCommand.class,
                HistoryCommand.class,
                TeamCommand.class,
                ReportCommand.class,
                PolicyCommand.class,
                SimulateCommand.class,
                TokenCommand.class,
                ServeCommand.class,
                HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 2 usage error, 1 other failure.",
                "Every option can also be set by its environment variable; a flag wins over its variable."})
public final class RootCommand implements Runnable {

    private final Env env;

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show library logs and stack traces of failures.")
    boolean verbose;

    RootCommand(Env env) {
        this.env = env;
    }

    public Env env() {
        return env;
    }

    public boolean verbose() {
        return verbose;
    }

    @Override
    public void run() {
        spec.commandLine().usage(env.out());
    }

    /** The project version and build commit ({@link BuildInfo}, the same values {@code /info} serves). */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            BuildInfo build = BuildInfo.load();
            return new String[] {"orchestrator " + build.version() + " (commit " + build.commit() + ")",
                    "Java " + System.getProperty("java.version")};
        }
    }
}
