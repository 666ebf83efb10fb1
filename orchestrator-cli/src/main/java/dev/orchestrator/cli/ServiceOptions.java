package dev.orchestrator.cli;

import dev.orchestrator.persistence.PoolTimeouts;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code serve}'s operational options: metrics, logs, CORS, database timeouts, the HS256 key id. */
public final class ServiceOptions {

    public static final String METRICS_TOKEN_VARIABLE = "ORCHESTRATOR_METRICS_TOKEN";
    public static final String CORS_ORIGINS_VARIABLE = "ORCHESTRATOR_CORS_ORIGINS";
    public static final String LOG_FORMAT_VARIABLE = "ORCHESTRATOR_LOG_FORMAT";
    public static final String STATEMENT_TIMEOUT_VARIABLE = "ORCHESTRATOR_DB_STATEMENT_TIMEOUT";
    public static final String CONNECTION_TIMEOUT_VARIABLE = "ORCHESTRATOR_DB_CONNECTION_TIMEOUT";
    public static final String JWT_KEY_ID_VARIABLE = "ORCHESTRATOR_JWT_KEY_ID";
    public static final String POOL_SIZE_VARIABLE = "ORCHESTRATOR_DB_POOL_SIZE";
    static final int DEFAULT_POOL_SIZE = dev.orchestrator.persistence.ConnectionPool.MAXIMUM_POOL_SIZE;
    static final int MAX_POOL_SIZE = 500;
    public static final String SERVICE_USER_VARIABLE = "ORCHESTRATOR_DB_SERVICE_USER";
    public static final String SERVICE_PASSWORD_VARIABLE = "ORCHESTRATOR_DB_SERVICE_PASSWORD";
    static final Duration DEFAULT_STATEMENT_TIMEOUT = PoolTimeouts.SERVICE.statement();
    static final Duration DEFAULT_CONNECTION_TIMEOUT = PoolTimeouts.SERVICE.connection();

    @Option(names = "--metrics-token", paramLabel = "TOKEN",
            description = "Require Authorization: Bearer TOKEN on /metrics (env ORCHESTRATOR_METRICS_TOKEN; "
                    + "default: /metrics is open).")
    String metricsToken;

    @Option(names = "--cors-origins", paramLabel = "ORIGINS",
            description = "Comma-separated origins browsers may call from, e.g. https://app.example.com "
                    + "(env ORCHESTRATOR_CORS_ORIGINS; default none; * for any).")
    String corsOrigins;

    @Option(names = "--log-format", paramLabel = "FORMAT",
            description = "text or json: one JSON object per log line (env ORCHESTRATOR_LOG_FORMAT; default text).")
    String logFormat;

    @Option(names = "--db-statement-timeout", paramLabel = "DURATION",
            description = "Longest statement of an API call, e.g. 3s; the driver also gives up on a silent "
                    + "database 1 s later (env ORCHESTRATOR_DB_STATEMENT_TIMEOUT; default 3s).")
    String statementTimeout;

    @Option(names = "--db-connection-timeout", paramLabel = "DURATION",
            description = "Longest wait for a database connection, e.g. 3s (env ORCHESTRATOR_DB_CONNECTION_TIMEOUT; "
                    + "default 3s).")
    String connectionTimeout;

    @Option(names = "--db-pool-size", paramLabel = "N",
            description = "Connections of the API's pool (env ORCHESTRATOR_DB_POOL_SIZE; default 10; 1 to 500). "
                    + "Batch work (the daily job, migrations) has its own pool.")
    String poolSize;

    @Option(names = "--jwt-key-id", paramLabel = "KID",
            description = "Key id of the HS256 secret: an HS256 token with a kid header must name it "
                    + "(env ORCHESTRATOR_JWT_KEY_ID; default: a kid is ignored).")
    String jwtKeyId;

    @Option(names = "--db-service-user", paramLabel = "USER",
            description = "Database role the HTTP API connects as: a member of orchestrator_service, bound by "
                    + "row-level security (env ORCHESTRATOR_DB_SERVICE_USER; default: the embedded database's "
                    + "orchestrator_service, else --db-user, which then bypasses it if it is the owner).")
    String serviceUser;

    @Option(names = "--db-service-password", paramLabel = "PASSWORD",
            description = "Password of --db-service-user (env ORCHESTRATOR_DB_SERVICE_PASSWORD; prefer the variable).")
    String servicePassword;

    /** The resolved options; secrets kept, never printed by {@link Resolved#toString()}. */
    public record Resolved(String metricsToken, List<String> corsOrigins, boolean jsonLogs, PoolTimeouts timeouts,
            String jwtKeyId, Database.ServiceRole serviceRole, int poolSize) {
        @Override
        public String toString() {
            return "ServiceOptions[metricsToken=" + (metricsToken == null ? "(none)" : "****") + ", corsOrigins="
                    + corsOrigins + ", jsonLogs=" + jsonLogs + ", timeouts=" + timeouts + ", jwtKeyId=" + jwtKeyId
                    + ", serviceRole=" + serviceRole + ", poolSize=" + poolSize + "]";
        }
    }

    public Resolved resolve(Env env) {
        String format = env.flagOrVariable(logFormat, LOG_FORMAT_VARIABLE);
        boolean json = false;
        if (format != null) {
            switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "json" -> json = true;
                case "text" -> json = false;
                default -> throw CliFailure.usage("--log-format (" + LOG_FORMAT_VARIABLE + "): must be text or json, got '"
                        + format + "'");
            }
        }
        String origins = env.flagOrVariable(corsOrigins, CORS_ORIGINS_VARIABLE);
        List<String> originList = origins == null ? List.of()
                : Arrays.stream(origins.split(",")).map(String::strip).filter(o -> !o.isEmpty()).toList();
        for (String origin : originList) {
            if (!origin.equals("*") && !origin.matches("https?://[^/\\s]+")) {
                throw CliFailure.usage("--cors-origins (" + CORS_ORIGINS_VARIABLE + "): '" + origin
                        + "' is not an origin such as https://app.example.com (scheme and host, no path)");
            }
        }
        Duration statement = duration(env, statementTimeout, STATEMENT_TIMEOUT_VARIABLE, "--db-statement-timeout",
                DEFAULT_STATEMENT_TIMEOUT);
        Duration connection = duration(env, connectionTimeout, CONNECTION_TIMEOUT_VARIABLE, "--db-connection-timeout",
                DEFAULT_CONNECTION_TIMEOUT);
        PoolTimeouts timeouts;
        try {
            timeouts = PoolTimeouts.of(connection, statement);
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage("--db-statement-timeout/--db-connection-timeout: " + e.getMessage());
        }
        String role = env.flagOrVariable(serviceUser, SERVICE_USER_VARIABLE);
        String rolePassword = env.flagOrVariable(servicePassword, SERVICE_PASSWORD_VARIABLE);
        if (role != null && role.isBlank()) {
            throw CliFailure.usage("--db-service-user (" + SERVICE_USER_VARIABLE + "): must not be blank");
        }
        if (role == null && rolePassword != null) {
            throw CliFailure.usage("--db-service-password (" + SERVICE_PASSWORD_VARIABLE
                    + "): given without --db-service-user (" + SERVICE_USER_VARIABLE + ")");
        }
        return new Resolved(env.flagOrVariable(metricsToken, METRICS_TOKEN_VARIABLE), originList, json, timeouts,
                env.flagOrVariable(jwtKeyId, JWT_KEY_ID_VARIABLE),
                role == null ? null : new Database.ServiceRole(role.strip(), rolePassword), poolSize(env));
    }

    private int poolSize(Env env) {
        String value = env.flagOrVariable(poolSize, POOL_SIZE_VARIABLE);
        if (value == null) {
            return DEFAULT_POOL_SIZE;
        }
        String problem = "--db-pool-size (" + POOL_SIZE_VARIABLE + "): must be a whole number from 1 to " + MAX_POOL_SIZE
                + ", got '" + value + "'";
        try {
            int size = Integer.parseInt(value.strip());
            if (size < 1 || size > MAX_POOL_SIZE) {
                throw CliFailure.usage(problem);
            }
            return size;
        } catch (NumberFormatException e) {
            throw CliFailure.usage(problem);
        }
    }

    private static Duration duration(Env env, String flag, String variable, String option, Duration fallback) {
        String value = env.flagOrVariable(flag, variable);
        return value == null ? fallback : Durations.parse(option + " (" + variable + ")", value);
    }
}
