package dev.orchestrator.cli;

import dev.orchestrator.cli.importing.Importer;
import dev.orchestrator.core.application.port.out.CatalogLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import organizations, profiles, customers (with signals and contacts), workflow definitions "
                + "and executions from one JSON file; rows are upserted by id.",
                "The whole file is checked first and written in one transaction: if anything is wrong, nothing is "
                        + "written and every problem is named (section[index].field: reason).",
                "The format is described in docs/cli.md."})
final class ImportCommand extends DatabaseCommand {

    @Parameters(paramLabel = "FILE", description = "The JSON file, or - for standard input.")
    String file;

    @Override
    public Integer call() throws Exception {
        Env env = env();
        Path path;
        Path spooled = null;
        String displayName;
        if (file.equals("-")) {
            // Two passes need the document twice: standard input is copied to a temporary file first.
            spooled = Files.createTempFile("orchestrator-import-", ".json");
            try (InputStream in = env.in(); OutputStream out = Files.newOutputStream(spooled)) {
                in.transferTo(out);
            }
            path = spooled;
            displayName = "standard input";
        } else {
            path = Path.of(file);
            displayName = file;
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw CliFailure.usage("FILE: cannot read '" + file + "' (no such readable file)");
            }
        }
        try (Database database = openMigratedDatabase()) {
            Importer.Outcome outcome = new Importer(database.orchestrator().importCatalog(), env.interactive())
                    .run(path, displayName);
            env.out().println("Imported " + displayName + " into the " + database.description() + ":");
            for (Map.Entry<String, CatalogLoader.Counts> e : outcome.report().written().entrySet()) {
                env.out().printf("  %-20s %9s inserted %9s updated%n", e.getKey(), Numbers.count(e.getValue().inserted()),
                        Numbers.count(e.getValue().updated()));
            }
            long rescoreMillis = outcome.report().rescoreMillis();
            env.out().printf("Checked in %s, written in %s (one transaction).%n",
                    Numbers.seconds(outcome.validateMillis() / 1000.0),
                    Numbers.seconds(Math.max(0, outcome.writeMillis() - rescoreMillis) / 1000.0));
            env.out().printf("Recomputed priorities of %s organization(s): %s open executions examined, %s changed (%s).%n",
                    Numbers.count(outcome.report().organizations().size()), Numbers.count(outcome.report().examined()),
                    Numbers.count(outcome.report().rescored()), Numbers.seconds(rescoreMillis / 1000.0));
        } finally {
            if (spooled != null) {
                deleteQuietly(spooled);
            }
        }
        return 0;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
