package dev.orchestrator.cli;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.lifecycle.ExecutionEvent;
import dev.orchestrator.core.domain.views.HistoryEntry;
import dev.orchestrator.core.domain.views.Person;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"An execution's timeline, oldest first: when, who (or the system), what, from which status "
                + "to which, and the snooze days, reason code, skip reason, note, escalation user or CSMs of a "
                + "reassignment. "
                + "The same events as GET /api/orchestrator/executions/{id}/events, with the database's authority."})
final class HistoryCommand extends DatabaseCommand {

    @Option(names = "--execution", paramLabel = "ID", required = true, description = "The execution.")
    String execution;

    @Mixin
    OrganizationScope organization;

    @Override
    public Integer call() {
        ExecutionId id = ExecutionId.of(UuidOptions.parse("--execution", execution));
        try (Database database = openMigratedDatabase()) {
            Result<List<HistoryEntry>> history = database.orchestrator().viewExecutions()
                    .operatorHistory(organization.scope(), id);
            if (history instanceof Result.Err<List<HistoryEntry>> err) {
                Failure failure = err.failure();
                throw CliFailure.failure("No history: " + failure.message());
            }
            PrintWriter out = env().out();
            List<HistoryEntry> entries = history.orElseThrow();
            for (HistoryEntry entry : entries) {
                out.println(line(entry));
            }
            out.printf("%d event%s of execution %s.%n", entries.size(), entries.size() == 1 ? "" : "s", id);
        }
        return 0;
    }

    private static String line(HistoryEntry entry) {
        ExecutionEvent e = entry.event();
        String statuses = (e.from() == null ? "" : e.from().wireName() + " -> ") + e.to().wireName();
        List<String> details = new ArrayList<>();
        if (e.days() != null) {
            details.add(e.days() + (e.days() == 1 ? " day" : " days"));
        }
        if (e.reasonCode() != null) {
            details.add("code: " + e.reasonCode());
        }
        if (e.reason() != null) {
            details.add("reason: " + e.reason());
        }
        if (e.note() != null && !e.note().equals(e.reason())) {
            details.add("note: " + e.note());
        }
        if (entry.escalationUser() != null) {
            details.add("to " + name(entry.escalationUser()));
        }
        if (entry.fromCsm() != null || entry.toCsm() != null) {
            details.add("from " + name(entry.fromCsm()) + " to " + name(entry.toCsm()));
        }
        return String.format("%-20s  %-24s  %-11s  %-24s  %s", e.occurredAt().truncatedTo(ChronoUnit.SECONDS),
                entry.actor() == null ? "system" : name(entry.actor()), e.action().wireName(), statuses,
                String.join("; ", details)).stripTrailing();
    }

    private static String name(Person person) {
        return person == null ? "-" : person.name();
    }
}
