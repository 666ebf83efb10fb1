package dev.orchestrator.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.postgresql.Driver;

/**
 * Picks the PostgreSQL server tests run against, in this order:
 * <ol>
 *   <li>{@value #URL} — a JDBC URL of a server where the user may create databases; user and
 *       password in the URL or in {@value #USER} / {@value #PASSWORD}. If set, it must work:
 *       there is no silent fallback from a server you asked for.</li>
 *   <li>a local server on 127.0.0.1:5432, user {@code postgres}, no password;</li>
 *   <li>Testcontainers ({@value TestcontainersPostgresStarter#IMAGE}) when Docker is available;</li>
 *   <li>an embedded PostgreSQL (zonky binaries);</li>
 *   <li>otherwise an error saying how to provide one.</li>
 * </ol>
 * {@value #FORCE} ({@code url}, {@code local}, {@code testcontainers} or {@code embedded}) skips
 * the search and uses that source or fails. Every name is read as a system property first, then
 * as an environment variable.
 */
public final class PostgresServerChooser {

    public static final String URL = "ORCHESTRATOR_TEST_DB_URL";
    public static final String USER = "ORCHESTRATOR_TEST_DB_USER";
    public static final String PASSWORD = "ORCHESTRATOR_TEST_DB_PASSWORD";
    public static final String FORCE = "ORCHESTRATOR_TEST_DB";

    static final String LOCAL_HOST = "127.0.0.1";
    static final int LOCAL_PORT = 5432;

    /** The server and a sentence saying why it was chosen. */
    public record Choice(PostgresServer server, String reason) {}

    private final UnaryOperator<String> settings;

    /** @param settings looks a setting up by name; returns null when unset (tests pass a map) */
    public PostgresServerChooser(UnaryOperator<String> settings) {
        this.settings = settings;
    }

    /** Reads settings from system properties, then environment variables. */
    public static PostgresServerChooser fromEnvironment() {
        return new PostgresServerChooser(name -> {
            String value = System.getProperty(name);
            return value != null ? value : System.getenv(name);
        });
    }

    public Choice choose() {
        String forced = setting(FORCE);
        if (forced != null) {
            return chooseForced(forced.trim().toLowerCase(Locale.ROOT));
        }
        List<String> tried = new ArrayList<>();
        if (setting(URL) != null) {
            return new Choice(fromUrl(), URL + " is set");
        }
        tried.add(URL + " is not set");

        Optional<PostgresServer> local = local(tried);
        if (local.isPresent()) {
            return new Choice(local.get(), URL + " is not set and a PostgreSQL answers on " + LOCAL_HOST + ":" + LOCAL_PORT);
        }
        try {
            Optional<PostgresServer> container = TestcontainersPostgresStarter.startIfDockerAvailable();
            if (container.isPresent()) {
                return new Choice(container.get(), "no local PostgreSQL, Docker is available");
            }
            tried.add("Docker is not available for Testcontainers");
        } catch (RuntimeException e) {
            tried.add("Testcontainers failed: " + e.getMessage());
        }
        try {
            return new Choice(EmbeddedPostgresStarter.start(), "no local PostgreSQL, no Docker: started an embedded one");
        } catch (Exception e) {
            tried.add("embedded PostgreSQL failed: " + e.getMessage());
        }
        throw new IllegalStateException(howToProvideOne(tried));
    }

    private Choice chooseForced(String source) {
        String why = FORCE + "=" + source;
        try {
            switch (source) {
                case "url":
                    return new Choice(fromUrl(), why);
                case "local": {
                    List<String> tried = new ArrayList<>();
                    return new Choice(local(tried).orElseThrow(() -> new IllegalStateException(String.join("; ", tried))), why);
                }
                case "testcontainers":
                    return new Choice(TestcontainersPostgresStarter.startIfDockerAvailable()
                            .orElseThrow(() -> new IllegalStateException("Docker is not available")), why);
                case "embedded":
                    return new Choice(EmbeddedPostgresStarter.start(), why);
                default:
                    throw new IllegalStateException("unknown source '" + source + "': use url, local, testcontainers or embedded");
            }
        } catch (Exception e) {
            throw new IllegalStateException(why + " but that PostgreSQL is not usable: " + e.getMessage()
                    + "\n" + howToProvideOne(List.of()), e);
        }
    }

    /** The server named by the URL; connects once so a wrong URL fails here with a clear message. */
    private PostgresServer fromUrl() {
        String url = setting(URL);
        Properties parsed = Driver.parseURL(url, new Properties());
        if (parsed == null) {
            throw new IllegalStateException(URL + " is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database): " + url);
        }
        String user = firstNonNull(setting(USER), parsed.getProperty("user"), "postgres");
        String password = firstNonNull(setting(PASSWORD), parsed.getProperty("password"), null);
        String host = parsed.getProperty("PGHOST").split(",")[0];
        int port = Integer.parseInt(parsed.getProperty("PGPORT", "5432").split(",")[0]);
        String database = parsed.getProperty("PGDBNAME", "postgres");
        PostgresServer server = new PostgresServer("url", host, port, user, password, database, () -> {});
        try (Connection ignored = server.adminConnection()) {
            return server;
        } catch (SQLException e) {
            throw new IllegalStateException(URL + " is set but connecting to " + server + " failed: " + e.getMessage(), e);
        }
    }

    /** A quick TCP probe first, so a machine without PostgreSQL costs a fraction of a second. */
    private static Optional<PostgresServer> local(List<String> tried) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOCAL_HOST, LOCAL_PORT), 300);
        } catch (IOException e) {
            tried.add("nothing listens on " + LOCAL_HOST + ":" + LOCAL_PORT);
            return Optional.empty();
        }
        PostgresServer server = new PostgresServer("local", LOCAL_HOST, LOCAL_PORT, "postgres", null, "postgres", () -> {});
        try (Connection connection = server.adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return Optional.of(server);
        } catch (SQLException e) {
            tried.add("the PostgreSQL on " + LOCAL_HOST + ":" + LOCAL_PORT + " refused user postgres without password: " + e.getMessage());
            return Optional.empty();
        }
    }

    static String howToProvideOne(List<String> tried) {
        return "No PostgreSQL for the tests" + (tried.isEmpty() ? "" : " (" + String.join("; ", tried) + ")") + ". Either:\n"
                + "  - set " + URL + "=jdbc:postgresql://HOST:PORT/postgres (a server where the user may CREATE DATABASE;\n"
                + "    user/password in the URL or in " + USER + " / " + PASSWORD + "), or\n"
                + "  - start a PostgreSQL on " + LOCAL_HOST + ":" + LOCAL_PORT + " that accepts user postgres without password, or\n"
                + "  - install and start Docker (Testcontainers will run " + TestcontainersPostgresStarter.IMAGE + ").";
    }

    private String setting(String name) {
        String value = settings.apply(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static String firstNonNull(String a, String b, String c) {
        return a != null ? a : b != null ? b : c;
    }
}
