package dev.orchestrator.cli;

import dev.orchestrator.persistence.load.DemoSeed;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import picocli.CommandLine.Command;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Create the demo data set (idempotent; fixed ids): an organization with an admin, a manager "
                + "and a CSM, the customer Obsidian Black with signals and contacts, the three demo workflow "
                + "definitions, and the CSM's three demo executions."})
final class SeedDemoCommand extends DatabaseCommand {

    @Override
    public Integer call() throws SQLException {
        try (Database database = openMigratedDatabase()) {
            DemoSeed.Result result = seed(database);
            print(env().out(), result);
        }
        return 0;
    }

    static DemoSeed.Result seed(Database database) throws SQLException {
        return DemoSeed.seed(database.dataSource(), LocalDate.now(ZoneOffset.UTC),
                database.orchestrator().priorityPolicy());
    }

    static void print(PrintWriter out, DemoSeed.Result result) {
        out.println(result.createdAnything() ? "Demo data created." : "Demo data already present; nothing changed.");
        out.println("  organization  " + DemoSeed.ORGANIZATION + "  Demo Organization");
        out.println("  admin         " + DemoSeed.ADMIN + "  admin@demo.example");
        out.println("  manager       " + DemoSeed.MANAGER + "  manager@demo.example");
        out.println("  csm           " + DemoSeed.CSM + "  csm@demo.example");
        out.println("  customer      " + DemoSeed.CUSTOMER + "  Obsidian Black");
        for (int i = 0; i < DemoSeed.DEMO_DEFINITIONS.size(); i++) {
            DemoSeed.DemoDefinition d = DemoSeed.DEMO_DEFINITIONS.get(i);
            out.printf("  definition %d  %s  %s (%s, weight %d)%n", d.order(), d.id(), d.name(),
                    d.type().wireName(), d.weight());
        }
        for (int i = 0; i < DemoSeed.EXECUTIONS.size(); i++) {
            out.printf("  execution %d   %s%n", i + 1, DemoSeed.EXECUTIONS.get(i));
        }
    }
}
