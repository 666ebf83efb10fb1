package dev.orchestrator.cli;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.policy.SimulationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"What applying the policies in FILE would change, without writing anything (one read-only "
                + "transaction): each CSM's top N before and after, what enters, leaves and moves; per definition the "
                + "executions the signal interpretation would create now; open executions per label. FILE is the body "
                + "of POST /api/orchestrator/simulations: priority_policy?, signal_policy?, top_n?."})
final class SimulateCommand extends DatabaseCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The candidate policies (JSON).")
    Path file;

    @Mixin
    OrganizationScope organization;

    @Option(names = "--csv", description = "One CSV row per item in a top N before or after, instead of the summary.")
    boolean csv;

    @Override
    public Integer call() {
        organization.scope();
        Map<String, Object> body = PolicyCommand.read(file);
        try (Database database = openMigratedDatabase()) {
            OrganizationId org = PolicyCommand.organization(organization, database);
            // The whole organization, as its admin sees it.
            Profile admin = database.ports().profiles().profiles(org, Optional.of(Role.ADMIN)).stream().findFirst()
                    .orElseThrow(() -> CliFailure.failure("organization " + org.value() + " has no admin"));
            Result<SimulationReport> result = database.orchestrator().simulatePolicies().simulate(admin, body);
            if (result instanceof Result.Err<SimulationReport> err) {
                Failure failure = err.failure();
                String detail = failure instanceof Failure.Invalid invalid
                        ? String.join(System.lineSeparator(), invalid.errors().stream()
                                .map(e -> "  " + e.field() + ": " + e.message()).toList())
                        : failure.message();
                throw CliFailure.failure(file + ": refused:" + System.lineSeparator() + detail);
            }
            SimulationReport report = result.orElseThrow();
            PrintWriter out = env().out();
            if (csv) {
                csv(report, out);
            } else {
                summary(report, out);
            }
        }
        return 0;
    }

    private static void csv(SimulationReport report, PrintWriter out) {
        out.println("csm_id,execution_id,customer_id,workflow_definition_id,score_before,score_after,rank_before,"
                + "rank_after,change");
        for (SimulationReport.CsmQueue queue : report.csms()) {
            for (SimulationReport.RankedItem i : queue.items()) {
                String change = i.rankBefore() > report.topN() ? "entering" : i.rankAfter() > report.topN() ? "leaving"
                        : i.rankMove() != 0 ? "moved" : "same";
                out.printf("%s,%s,%s,%s,%d,%d,%d,%d,%s%n", queue.csm().value(), i.execution().value(),
                        i.customer().value(), i.definition().value(), i.scoreBefore(), i.scoreAfter(), i.rankBefore(),
                        i.rankAfter(), change);
            }
        }
    }

    private static void summary(SimulationReport report, PrintWriter out) {
        for (SimulationReport.CsmQueue queue : report.csms()) {
            out.printf("CSM %s: %d entering, %d leaving, %d moving within the top %d%n", queue.csm().value(),
                    queue.entering().size(), queue.leaving().size(), queue.moved().size(), report.topN());
            for (SimulationReport.RankedItem i : queue.topAfter()) {
                out.printf("  #%d (was #%d)  %s · %s  %d -> %d  (%s)%n", i.rankAfter(), i.rankBefore(),
                        i.customerName(), i.definitionName(), i.scoreBefore(), i.scoreAfter(), i.execution().value());
            }
        }
        for (SimulationReport.DefinitionImpact d : report.definitions()) {
            out.printf("Definition %s (%s): would create %d now (%d under the current policies); the next auto-close "
                    + "would close %d (%d)%n", d.name(), d.definition().value(), d.createdAfter(), d.createdBefore(),
                    d.closedAfter(), d.closedBefore());
        }
        for (SimulationReport.LabelTotal l : report.labels()) {
            out.printf("%s: %d -> %d%n", l.label().displayName(), l.before(), l.after());
        }
        out.println("Nothing was written.");
    }
}
