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

    /**
     * This environment over a lower layer of values (a config file's, keyed by variable name): a variable
     * that is set and not blank wins over the layer's value for it.
     */
    public Env over(Map<String, String> lower) {
        Map<String, String> merged = new java.util.HashMap<>(lower);
        variables.forEach((name, value) -> {
            if (!value.isBlank()) {
                merged.put(name, value);
            }
        });
        return new Env(out, err, in, merged, interactive);
    }

    /** The first of flag value and environment variable that is set (flags win). */
    public String flagOrVariable(String flagValue, String variable) {
        return flagValue != null && !flagValue.isBlank() ? flagValue : variable(variable);
    }
}
