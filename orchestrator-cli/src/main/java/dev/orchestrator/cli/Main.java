package dev.orchestrator.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * The {@code orchestrator} command: parses the command line and runs one command. Exit codes:
 * 0 success, 2 usage errors (bad options or configuration), 1 any other failure. Errors go to
 * stderr as one sentence; {@code --verbose} adds the stack trace.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Env env = new Env(out, err, System.in, System.getenv(), System.console() != null);
        int code = run(env, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command in this JVM and returns its exit code (what tests call). */
    public static int run(Env env, String... args) {
        RootCommand root = new RootCommand(env);
        CommandLine commandLine = new CommandLine(root);
        // 'orchestrator completion' prints a bash (and zsh) completion script: source <(orchestrator completion)
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().name("completion"); // its usage and the script name it so, not generate-completion
        commandLine.addSubcommand("completion", completion);
        commandLine.setOut(env.out());
        commandLine.setErr(env.err());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionStrategy(parseResult -> {
            setLogLevel(root.verbose() ? Level.INFO : Level.WARN);
            return new CommandLine.RunLast().execute(parseResult);
        });
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            CommandLine failed = e.getCommandLine();
            env.err().println(sentence(e.getMessage()));
            // A mistyped command or option: "Did you mean: orchestrator serve?" (picocli's own suggestions)
            CommandLine.UnmatchedArgumentException.printSuggestions(e, env.err());
            env.err().println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
            env.err().flush();
            return CliFailure.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            int code = e instanceof CliFailure f ? f.exitCode() : CliFailure.FAILURE;
            String message = e instanceof CliFailure ? e.getMessage() : unexpected(e);
            env.err().println(sentence(message));
            if (root.verbose()) {
                e.printStackTrace(env.err());
            } else if (!(e instanceof CliFailure) || e.getCause() != null) {
                env.err().println("(Run with --verbose for details.)");
            }
            env.err().flush();
            return code;
        });
        int code = commandLine.execute(args);
        env.out().flush();
        env.err().flush();
        return code;
    }

    private static String unexpected(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return "Unexpected failure: " + message;
    }

    /** One sentence: capitalised, ending with a full stop. */
    static String sentence(String message) {
        String m = message == null || message.isBlank() ? "Failed" : message.strip();
        m = Character.toUpperCase(m.charAt(0)) + m.substring(1);
        return m.endsWith(".") || m.endsWith("?") || m.endsWith("!") || m.endsWith(":") || m.contains("\n")
                ? m : m + ".";
    }

    private static void setLogLevel(Level level) {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger logger) {
            logger.setLevel(level);
        }
    }
}
