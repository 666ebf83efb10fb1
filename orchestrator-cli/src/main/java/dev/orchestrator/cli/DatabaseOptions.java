package dev.orchestrator.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the database is: options shared by every command that needs one. */
public final class DatabaseOptions {

    public static final String URL_VARIABLE = "ORCHESTRATOR_DB_URL";
    public static final String USER_VARIABLE = "ORCHESTRATOR_DB_USER";
    public static final String PASSWORD_VARIABLE = "ORCHESTRATOR_DB_PASSWORD";
    public static final String DATA_DIR_VARIABLE = "ORCHESTRATOR_DATA_DIR";

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "PostgreSQL to use, e.g. jdbc:postgresql://localhost:5432/orchestrator "
                    + "(env ORCHESTRATOR_DB_URL). Without it: an embedded PostgreSQL in --data-dir.")
    String url;

    @Option(names = "--db-user", paramLabel = "USER",
            description = "Database user, unless given in the URL (env ORCHESTRATOR_DB_USER).")
    String user;

    @Option(names = "--db-password", paramLabel = "PASSWORD",
            description = "Database password, unless given in the URL (env ORCHESTRATOR_DB_PASSWORD; "
                    + "prefer the variable, flags are visible in the process list).")
    String password;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory of the embedded PostgreSQL, kept between runs "
                    + "(env ORCHESTRATOR_DATA_DIR; default ~/.orchestrator/pgdata).")
    Path dataDir;

    /** The settings after applying environment variables (flags win). */
    public DatabaseSettings resolve(Env env) {
        String resolvedUrl = env.flagOrVariable(url, URL_VARIABLE);
        String resolvedUser = env.flagOrVariable(user, USER_VARIABLE);
        String resolvedPassword = env.flagOrVariable(password, PASSWORD_VARIABLE);
        String dir = env.flagOrVariable(dataDir == null ? null : dataDir.toString(), DATA_DIR_VARIABLE);
        Path resolvedDir;
        try {
            resolvedDir = dir != null ? Path.of(dir).toAbsolutePath()
                    : Path.of(System.getProperty("user.home"), ".orchestrator", "pgdata");
        } catch (RuntimeException e) {
            throw CliFailure.usage("--data-dir (" + DATA_DIR_VARIABLE + "): not a usable path: " + e.getMessage());
        }
        if (resolvedUrl != null && !resolvedUrl.startsWith("jdbc:postgresql:")) {
            throw CliFailure.usage("--db-url (" + URL_VARIABLE
                    + "): must be a PostgreSQL JDBC URL such as jdbc:postgresql://HOST:5432/DATABASE");
        }
        return new DatabaseSettings(resolvedUrl, resolvedUser, resolvedPassword, resolvedDir);
    }

    /** Resolved settings; {@code url} null means the embedded database in {@code dataDir}. */
    public record DatabaseSettings(String url, String user, String password, Path dataDir) {
        @Override
        public String toString() {
            // Never show the password.
            return "DatabaseSettings[url=" + (url == null ? "embedded" : Database.describeUrl(url)) + ", user=" + user
                    + ", dataDir=" + dataDir + "]";
        }
    }
}
