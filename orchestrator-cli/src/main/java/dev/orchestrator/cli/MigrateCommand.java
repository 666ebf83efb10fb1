package dev.orchestrator.cli;

import dev.orchestrator.persistence.Migrator;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply the pending database migrations and print what was applied.")
final class MigrateCommand extends DatabaseCommand {

    @Override
    public Integer call() {
        Env env = env();
        try (Database database = openDatabase()) {
            List<Migrator.AppliedMigration> applied = database.migrate();
            if (applied.isEmpty()) {
                env.out().println("Nothing to apply: the schema of the " + database.description() + " is up to date.");
            } else {
                for (Migrator.AppliedMigration m : applied) {
                    env.out().printf("Applied V%-3s %s%n", m.version(), m.description());
                }
                env.out().println("Applied " + applied.size() + " migration(s) to the " + database.description() + ".");
            }
        }
        return 0;
    }
}
