package dev.orchestrator.cli;

import dev.orchestrator.http.HttpSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code serve} prints at start: every setting as resolved (flag, else environment variable,
 * else default), secrets masked — a secret shows only whether it is set and its length, a password
 * only whether there is one.
 */
final class EffectiveConfiguration {

    static final String MASK = "****";

    private EffectiveConfiguration() {
    }

    static void print(PrintWriter out, BuildInfo build, HttpSettings http, DatabaseOptions.DatabaseSettings db,
            ServiceOptions.Resolved service, boolean generatedSecret, String configFile) {
        String database = db.url() == null ? "embedded PostgreSQL in " + db.dataDir()
                : "PostgreSQL at " + Database.describeUrl(db.url());
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("version", build.version() + " (commit " + build.commit() + ")");
        lines.put("config file", configFile == null ? "(none)" : configFile);
        lines.put("host", http.host() + (HttpSettings.ANY_HOST.equals(http.host()) ? " (every interface)" : ""));
        lines.put("port", http.port() == 0 ? "0 (any free port)" : String.valueOf(http.port()));
        lines.put("database", database + (db.user() == null ? "" : ", user " + db.user())
                + (db.password() == null ? "" : ", password " + MASK));
        lines.put("api database user", service.serviceRole() != null ? service.serviceRole().user()
                + (service.serviceRole().password() == null ? "" : ", password " + MASK)
                : db.url() == null ? Database.EMBEDDED_SERVICE_ROLE.user()
                : (db.user() == null ? "the database user" : db.user()) + " (no --db-service-user)");
        lines.put("jwt secret", MASK + " (" + http.jwtSecret().length + " bytes" + (generatedSecret
                ? ", generated for this run)" : ")"));
        lines.put("jwt key id", http.jwtKeyId().orElse("(none: a kid is ignored)"));
        lines.put("jwt audience", http.audience());
        lines.put("jwt issuer", http.issuer().orElse("(any)"));
        lines.put("jwt leeway", seconds(http.leeway()));
        lines.put("jwks url", http.jwksUrl().map(Object::toString).orElse("(none)"));
        lines.put("cors origins", service.corsOrigins().isEmpty() ? "(none)" : String.join(", ", service.corsOrigins()));
        lines.put("metrics token", service.metricsToken() == null ? "(none: /metrics is open)" : MASK);
        lines.put("log format", service.jsonLogs() ? "json" : "text");
        lines.put("db pool size", String.valueOf(service.poolSize()));
        lines.put("db connection timeout", seconds(service.timeouts().connection()));
        lines.put("db statement timeout", seconds(service.timeouts().statement()));
        lines.put("db socket timeout", seconds(service.timeouts().socket()));
        lines.put("shutdown timeout", seconds(http.shutdownTimeout()));
        out.println("Configuration (secrets masked):");
        lines.forEach((key, value) -> out.printf("  %-22s %s%n", key, value));
        out.flush();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
