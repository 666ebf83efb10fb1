package dev.orchestrator.cli;

import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.RebalanceTeam;
import dev.orchestrator.core.application.port.in.ViewTeam;
import dev.orchestrator.core.domain.workload.RebalancePlanner;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.priority.PriorityLabel;
import dev.orchestrator.core.domain.team.CsmWorkload;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "team", mixinStandardHelpOptions = true,
        description = {"The team view as a table: for each report of --manager, or each CSM of --organization, "
                + "open work by label (critical/high/medium/low), underway, snoozed work back within 3 days, open "
                + "escalations and the oldest one's wait in hours, completed and skipped in the last 7 and 30 days, "
                + "capacity and load (open / capacity; '-' when unlimited). The same counts as GET "
                + "/api/orchestrator/team, with the database's authority."},
        subcommands = {TeamCommand.Rebalance.class})
final class TeamCommand extends DatabaseCommand {

    @Option(names = "--manager", paramLabel = "ID", description = "The manager whose direct reports to show.")
    String manager;

    @Mixin
    OrganizationScope organization;

    @Override
    public Integer call() {
        Optional<ProfileId> managerId = Optional.ofNullable(manager).map(m -> ProfileId.of(UuidOptions.parse("--manager", m)));
        if (managerId.isEmpty() && organization.scope().isEmpty()) {
            throw CliFailure.usage("give --manager ID (their reports) or --organization ID (its CSMs)");
        }
        try (Database database = openMigratedDatabase()) {
            Result<ViewTeam.TeamReport> team = database.orchestrator().viewTeam()
                    .operatorTeam(organization.scope(database), managerId);
            if (team instanceof Result.Err<ViewTeam.TeamReport> err) {
                throw CliFailure.failure("No team: " + err.failure().message());
            }
            ViewTeam.TeamReport report = team.orElseThrow();
            PrintWriter out = env().out();
            out.printf("%-28s %4s %4s %4s %4s %5s %8s %9s %5s %9s %6s %6s %6s %6s %6s %5s%n", "csm", "crit", "high",
                    "med", "low", "open", "underway", "resurf_3d", "escal", "wait_h", "done7", "done30", "skip7", "skip30",
                    "cap", "load");
            for (ViewTeam.Member member : report.members()) {
                CsmWorkload w = member.workload();
                out.printf("%-28s %4d %4d %4d %4d %5d %8d %9d %5d %9s %6d %6d %6d %6d %6s %5s%n", clip(member.csm().name()),
                        w.openByLabel().get(PriorityLabel.CRITICAL), w.openByLabel().get(PriorityLabel.HIGH),
                        w.openByLabel().get(PriorityLabel.MEDIUM), w.openByLabel().get(PriorityLabel.LOW), w.open(),
                        w.underway(), w.resurfacingSoon(), w.escalationsOpen(),
                        member.oldestEscalationWait().map(d -> String.valueOf(d.toHours())).orElse("-"),
                        w.completedShort(), w.completedLong(), w.skippedShort(), w.skippedLong(),
                        member.capacity().isPresent() ? String.valueOf(member.capacity().getAsInt()) : "-",
                        member.loadRatio().isPresent() ? String.format(java.util.Locale.ROOT, "%.2f",
                                member.loadRatio().getAsDouble()) : "-");
            }
            out.printf("%d CSM%s, as of %s.%n", report.members().size(), report.members().size() == 1 ? "" : "s",
                    report.asOf().truncatedTo(ChronoUnit.SECONDS));
        }
        return 0;
    }

    @Command(name = "rebalance", mixinStandardHelpOptions = true,
            description = {"Proposes moving not-started work from CSMs above their capacity to CSMs of the same "
                    + "manager with room (the lowest priority first, a customer's items together where possible), "
                    + "one line per move with its reason; --apply moves it (a reassign event per item, by --manager, "
                    + "or by the organization's first admin with --organization). The same proposal as POST "
                    + "/api/orchestrator/team/rebalance; docs/workload.md explains the rules."})
    static final class Rebalance extends DatabaseCommand {

        @Option(names = "--manager", paramLabel = "ID", description = "Rebalance this manager's direct reports.")
        String manager;

        @Option(names = "--apply", description = "Apply the proposal (default: only show it).")
        boolean apply;

        @Mixin
        OrganizationScope organization;

        @Override
        public Integer call() {
            Optional<ProfileId> managerId = Optional.ofNullable(manager)
                    .map(m -> ProfileId.of(UuidOptions.parse("--manager", m)));
            if (managerId.isEmpty() && organization.scope().isEmpty()) {
                throw CliFailure.usage("give --manager ID (their reports) or --organization ID (each manager's team)");
            }
            try (Database database = openMigratedDatabase()) {
                Result<RebalanceTeam.Rebalance> result = database.orchestrator().rebalanceTeam()
                        .operatorRebalance(organization.scope(database), managerId, apply);
                if (result instanceof Result.Err<RebalanceTeam.Rebalance> err) {
                    throw CliFailure.failure("No rebalance: " + err.failure().message());
                }
                RebalanceTeam.Rebalance done = result.orElseThrow();
                PrintWriter out = env().out();
                java.util.Map<ProfileId, String> names = new java.util.HashMap<>();
                done.proposal().members().forEach(m -> names.put(m.csm(), m.name()));
                long failed = 0;
                for (int i = 0; i < done.proposal().moves().size(); i++) {
                    RebalancePlanner.Move m = done.proposal().moves().get(i);
                    String outcome = "";
                    if (done.applied()) {
                        var failure = done.results().get(i).failure();
                        failed += failure.isPresent() ? 1 : 0;
                        outcome = failure.map(f -> "  NOT MOVED: " + f.message()).orElse("  moved");
                    }
                    out.printf("%s  %s -> %s  %s (score %d)%s%n    %s%n", m.execution(), names.get(m.from()),
                            names.get(m.to()), m.customerName(), m.priorityScore(), outcome, m.reason());
                }
                for (RebalancePlanner.MemberLoad line : done.proposal().members()) {
                    out.printf("%-28s capacity %6d  load %6d -> %6d%n", clip(line.name()), line.capacity().getAsInt(),
                            line.loadBefore(), line.loadAfter());
                }
                done.proposal().unresolved().forEach(u -> out.println("Still above capacity: " + u));
                int moves = done.proposal().moves().size();
                out.printf("%d move%s %s (load counted as %s).%n", moves, moves == 1 ? "" : "s",
                        done.applied() ? "applied, " + failed + " not moved" : "proposed; --apply to move them",
                        done.counting().wireName());
                if (failed > 0) {
                    throw CliFailure.failure(failed + " of " + moves + " moves were not applied (changed since the proposal)");
                }
            }
            return 0;
        }
    }

    private static String clip(String name) {
        return name.length() <= 28 ? name : name.substring(0, 27) + "…";
    }
}
