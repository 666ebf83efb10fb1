package dev.orchestrator.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;

/**
 * What a command may touch of the outside world: its streams, the environment variables, and
 * whether a person is watching a terminal (for progress bars). Tests pass their own.
 */
public record Env(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> variables,
        boolean interactive) {

    public Env {
        variables = Map.copyOf(variables);
    }

    /** An environment variable, or null when unset or blank. */
    public String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** The first of flag value and environment variable that is set (flags win). */
    public String flagOrVariable(String flagValue, String variable) {
        return flagValue != null && !flagValue.isBlank() ? flagValue : variable(variable);
    }
}
