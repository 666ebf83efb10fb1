package dev.orchestrator.cli;

import dev.orchestrator.testsupport.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in this JVM with its own environment variables, stdin and captured stdout/stderr. */
final class Cli {

    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Map<String, String> variables = new HashMap<>();
    private volatile StringWriter currentOut = new StringWriter();
    private InputStream stdin = new ByteArrayInputStream(new byte[0]);

    /** A CLI pointed at a test database through the environment variables. */
    static Cli on(TestDatabase db) {
        Cli cli = new Cli();
        cli.variables.put("ORCHESTRATOR_DB_URL", db.jdbcUrl());
        cli.variables.put("ORCHESTRATOR_DB_USER", db.user());
        if (db.password() != null) {
            cli.variables.put("ORCHESTRATOR_DB_PASSWORD", db.password());
        }
        return cli;
    }

    static Cli withoutDatabase() {
        return new Cli();
    }

    Cli env(String name, String value) {
        variables.put(name, value);
        return this;
    }

    Cli stdin(String text) {
        stdin = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** What the running (or last) command printed so far: for commands that do not end by themselves. */
    String outSoFar() {
        return currentOut.toString();
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        currentOut = out;
        StringWriter err = new StringWriter();
        int code = Main.run(new Env(new PrintWriter(out, true), new PrintWriter(err, true), stdin, variables, false),
                args);
        return new Run(code, out.toString(), err.toString());
    }
}
