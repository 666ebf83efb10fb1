package dev.orchestrator.cli.importing;

import dev.orchestrator.cli.CliFailure;
import java.util.List;

/** The import was refused; nothing was written. The message lists the problems. */
public final class ImportRejected extends CliFailure {

    private final List<String> problems;

    ImportRejected(String file, long count, List<String> problems, Throwable cause) {
        super(FAILURE, message(file, count, problems), cause);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String message(String file, long count, List<String> problems) {
        StringBuilder b = new StringBuilder("Import of " + file + " rejected, nothing was written: " + count
                + (count == 1 ? " problem" : " problems") + (count > problems.size() ? " (the first " + problems.size()
                + " listed)" : "") + ":");
        problems.forEach(p -> b.append("\n  ").append(p));
        return b.toString();
    }
}
