package dev.orchestrator.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * {@code serve --config FILE}: a Java properties file (read by {@link Properties}) whose keys are the
 * options' names without the dashes, as picocli's {@code PropertiesDefaultProvider} names them
 * ({@code port = 7070}, {@code db-url = jdbc:postgresql://...}), or a YAML file ({@code .yaml} or
 * {@code .yml}, read by Jackson's YAML parser) with the same keys, where a nested mapping joins its
 * keys with a dash ({@code db: {url: ...}} is {@code db-url}). Each key stands for one environment
 * variable, and the file is the layer below the environment: flag, then variable, then file, then default.
 * An unknown key, a key given twice, or a list is a usage error naming it, so a typo never goes unnoticed.
 */
final class ConfigFile {

    static final String VARIABLE = "ORCHESTRATOR_CONFIG";

    /** Every key the file may hold, and the environment variable it stands for. */
    static final Map<String, String> KEYS = keys();

    private ConfigFile() {}

    private static Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("db-url", DatabaseOptions.URL_VARIABLE);
        keys.put("db-user", DatabaseOptions.USER_VARIABLE);
        keys.put("db-password", DatabaseOptions.PASSWORD_VARIABLE);
        keys.put("db-service-user", ServiceOptions.SERVICE_USER_VARIABLE);
        keys.put("db-service-password", ServiceOptions.SERVICE_PASSWORD_VARIABLE);
        keys.put("data-dir", DatabaseOptions.DATA_DIR_VARIABLE);
        keys.put("jwt-secret", JwtOptions.SECRET_VARIABLE);
        keys.put("jwt-key-id", ServiceOptions.JWT_KEY_ID_VARIABLE);
        keys.put("db-pool-size", ServiceOptions.POOL_SIZE_VARIABLE);
        keys.put("jwks-url", IdentityOptions.JWKS_URL_VARIABLE);
        keys.put("jwt-issuer", IdentityOptions.ISSUER_VARIABLE);
        keys.put("jwt-audience", IdentityOptions.AUDIENCE_VARIABLE);
        keys.put("host", ServeCommand.HOST_VARIABLE);
        keys.put("port", ServeCommand.PORT_VARIABLE);
        keys.put("metrics-token", ServiceOptions.METRICS_TOKEN_VARIABLE);
        keys.put("cors-origins", ServiceOptions.CORS_ORIGINS_VARIABLE);
        keys.put("log-format", ServiceOptions.LOG_FORMAT_VARIABLE);
        keys.put("db-statement-timeout", ServiceOptions.STATEMENT_TIMEOUT_VARIABLE);
        keys.put("db-connection-timeout", ServiceOptions.CONNECTION_TIMEOUT_VARIABLE);
        keys.put("daily-at", JobOptions.DAILY_AT_VARIABLE);
        keys.put("jobs", JobOptions.JOBS_VARIABLE);
        keys.put("instance", JobOptions.INSTANCE_VARIABLE);
        keys.put("jobs-heartbeat", JobOptions.HEARTBEAT_VARIABLE);
        keys.put("jobs-poll", JobOptions.POLL_VARIABLE);
        keys.put("jobs-retry", JobOptions.RETRY_VARIABLE);
        return Map.copyOf(keys);
    }

    /** The file's values keyed by the variables they stand for; a missing file or unknown key is a usage error. */
    static Map<String, String> read(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        Map<String, String> byKey = name.endsWith(".yaml") || name.endsWith(".yml") ? YamlConfig.read(file)
                : properties(file);
        Map<String, String> values = new HashMap<>();
        for (String key : new TreeSet<>(byKey.keySet())) {
            String variable = KEYS.get(key);
            if (variable == null) {
                throw CliFailure.usage("--config (" + VARIABLE + "): unknown key '" + key + "' in " + file
                        + "; known keys: " + String.join(", ", new TreeSet<>(KEYS.keySet())));
            }
            values.put(variable, byKey.get(key).strip());
        }
        return values;
    }

    /** A properties file's entries. */
    private static Map<String, String> properties(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw CliFailure.usage("--config (" + VARIABLE + "): cannot read " + file + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        Map<String, String> entries = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            entries.put(key, properties.getProperty(key));
        }
        return entries;
    }
}
