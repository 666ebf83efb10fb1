package dev.orchestrator.cli;

/**
 * A failure the user can act on: its message is printed as is (one clear sentence, no stack trace
 * unless --verbose), and the process exits with {@link #exitCode()}.
 */
public class CliFailure extends RuntimeException {

    /** Wrong input on the command line or in the configuration. */
    public static final int USAGE = 2;
    /** Anything else that went wrong. */
    public static final int FAILURE = 1;

    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        this(exitCode, message, null);
    }

    public CliFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static CliFailure usage(String message) {
        return new CliFailure(USAGE, message);
    }

    public static CliFailure failure(String message) {
        return new CliFailure(FAILURE, message);
    }

    public static CliFailure failure(String message, Throwable cause) {
        return new CliFailure(FAILURE, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
