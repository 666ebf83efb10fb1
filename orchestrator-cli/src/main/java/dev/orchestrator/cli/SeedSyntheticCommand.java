package dev.orchestrator.cli;

import dev.orchestrator.cli.importing.Progress;
import dev.orchestrator.core.application.Orchestrator;
import dev.orchestrator.core.domain.catalog.CatalogSection;
import dev.orchestrator.persistence.load.CopyLoader;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "synthetic", mixinStandardHelpOptions = true,
        description = {"Generate realistic random data at scale (deterministic for a given --seed): organizations "
                + "with admins, managers and CSMs, customers with signals and contacts, 5-10 workflow definitions per "
                + "organization (thresholds; half of the organizations also get the demo sequence) and executions "
                + "(~70 %% open, ~10 %% snoozed from 10 days ago to 30 days ahead, the rest completed or skipped), "
                + "with their priority scores. Written with COPY in one transaction."})
final class SeedSyntheticCommand extends DatabaseCommand {

    @Option(names = "--organizations", paramLabel = "N", required = true, description = "Organizations (1 or more).")
    int organizations;

    @Option(names = "--csms", paramLabel = "N", required = true,
            description = "CSMs in all, spread over the organizations (at least one each).")
    int csms;

    @Option(names = "--customers", paramLabel = "N", required = true, description = "Customers in all.")
    int customers;

    @Option(names = "--executions", paramLabel = "N", required = true, description = "Workflow executions in all.")
    int executions;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Random seed: the same seed gives the same data (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (organizations < 1) {
            throw CliFailure.usage("--organizations: must be at least 1");
        }
        if (csms < organizations) {
            throw CliFailure.usage("--csms: must be at least --organizations (" + organizations
                    + "), every organization needs a CSM");
        }
        if (customers < 0) {
            throw CliFailure.usage("--customers: must not be negative");
        }
        if (executions < 0) {
            throw CliFailure.usage("--executions: must not be negative");
        }
        if (executions > 0 && customers < organizations) {
            throw CliFailure.usage("--customers: executions need customers in every organization, so at least "
                    + organizations);
        }
        Env env = env();
        try (Database database = openMigratedDatabase()) {
            UUID first = SyntheticData.firstOrganizationId(seed);
            if (!database.ports().catalogOwners().organizationsOf(CatalogSection.ORGANIZATIONS, List.of(first)).isEmpty()) {
                throw CliFailure.failure("Synthetic data of seed " + seed + " is already in the " + database.description()
                        + " (organization " + first + "); use another --seed or a fresh database");
            }
            long started = System.nanoTime();
            SyntheticData.Report report;
            Orchestrator orchestrator = database.orchestrator();
            try (CopyLoader loader = CopyLoader.begin(database.dataSource(), true)) {
                SyntheticData data = new SyntheticData(
                        new SyntheticData.Sizes(organizations, csms, customers, executions, seed),
                        LocalDate.now(ZoneOffset.UTC), orchestrator.priorityPolicy(),
                        orchestrator.signalPolicy().maxScore());
                // A bar on a terminal (stderr), nothing when the output goes to a file or a pipe.
                try (Progress progress = Progress.rows(env.interactive(), "Generating", data.progressUnits())) {
                    report = data.write(loader, progress);
                }
                long copied = System.nanoTime();
                loader.commit(data.organizationIds());
                long done = System.nanoTime();
                env.out().println("Seeded synthetic data (seed " + seed + ") into the " + database.description() + ":");
                for (Map.Entry<String, Long> e : report.rows().entrySet()) {
                    env.out().printf("  %-21s %10s  (%s)%n", e.getKey(), Numbers.count(e.getValue()),
                            Numbers.seconds(report.millis().get(e.getKey()) / 1000.0));
                }
                env.out().print("  executions by status: ");
                env.out().println(String.join(", ", report.statuses().entrySet().stream()
                        .map(e -> e.getKey() + " " + Numbers.count(e.getValue())).toList()));
                env.out().printf("Generated and copied in %s, %s, committed and analyzed in %s (total %s).%n",
                        Numbers.seconds(copied - started),
                        loader.referencesCheckedInBulk() ? "references checked in bulk" : "references checked row by row",
                        Numbers.seconds(done - copied), Numbers.seconds(done - started));
            }
        }
        return 0;
    }
}
