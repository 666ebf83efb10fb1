package dev.orchestrator.cli;

import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.ViewTeam;
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
                + "escalations and the oldest one's wait in hours, completed and skipped in the last 7 and 30 days. "
                + "The same counts as GET /api/orchestrator/team, with the database's authority."})
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
            out.printf("%-28s %4s %4s %4s %4s %5s %8s %9s %5s %9s %6s %6s %6s %6s%n", "csm", "crit", "high", "med",
                    "low", "open", "underway", "resurf_3d", "escal", "wait_h", "done7", "done30", "skip7", "skip30");
            for (ViewTeam.Member member : report.members()) {
                CsmWorkload w = member.workload();
                out.printf("%-28s %4d %4d %4d %4d %5d %8d %9d %5d %9s %6d %6d %6d %6d%n", clip(member.csm().name()),
                        w.openByLabel().get(PriorityLabel.CRITICAL), w.openByLabel().get(PriorityLabel.HIGH),
                        w.openByLabel().get(PriorityLabel.MEDIUM), w.openByLabel().get(PriorityLabel.LOW), w.open(),
                        w.underway(), w.resurfacingSoon(), w.escalationsOpen(),
                        member.oldestEscalationWait().map(d -> String.valueOf(d.toHours())).orElse("-"),
                        w.completedShort(), w.completedLong(), w.skippedShort(), w.skippedLong());
            }
            out.printf("%d CSM%s, as of %s.%n", report.members().size(), report.members().size() == 1 ? "" : "s",
                    report.asOf().truncatedTo(ChronoUnit.SECONDS));
        }
        return 0;
    }

    private static String clip(String name) {
        return name.length() <= 28 ? name : name.substring(0, 27) + "…";
    }
}
