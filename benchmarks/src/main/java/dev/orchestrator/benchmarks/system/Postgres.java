package dev.orchestrator.benchmarks.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;

/** The PostgreSQL server the suite runs on: a configured one, or an embedded one it starts and stops. */
final class Postgres implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/?]+)/([^?]*)(\\?.*)?");

    private final String hostPort;
    private final String maintenanceDb;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;

    private Postgres(String hostPort, String maintenanceDb, String user, String password, EmbeddedPostgres embedded) {
        this.hostPort = hostPort;
        this.maintenanceDb = maintenanceDb;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    static Postgres open(Options options) throws Exception {
        if (options.dbUrl == null) {
            System.err.println("[suite] no --db-url: starting an embedded PostgreSQL");
            EmbeddedPostgres pg = EmbeddedPostgres.builder().setRegisterShutdownHook(true).start();
            return new Postgres("localhost:" + pg.getPort(), "postgres", "postgres", null, pg);
        }
        Matcher m = URL.matcher(options.dbUrl);
        if (!m.matches()) {
            throw new Options.UsageException("--db-url must look like jdbc:postgresql://HOST:PORT/DATABASE, got " + options.dbUrl);
        }
        String db = m.group(2).isEmpty() ? "postgres" : m.group(2);
        return new Postgres(m.group(1), db, options.dbUser, options.dbPassword, null);
    }

    String describe() {
        return (embedded != null ? "embedded PostgreSQL" : "PostgreSQL") + " at " + hostPort;
    }

    /** JDBC URL of {@code database} without credentials. */
    String url(String database) {
        return "jdbc:postgresql://" + hostPort + "/" + database;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", "orchestrator-benchmarks");
        return DriverManager.getConnection(url(database), p);
    }

    boolean exists(String database) throws SQLException {
        try (Connection c = connect(maintenanceDb)) {
            return Sql.longValue(c, "SELECT count(*) FROM pg_database WHERE datname = '" + database + "'") > 0;
        }
    }

    void recreate(String database) throws SQLException {
        drop(database);
        try (Connection c = connect(maintenanceDb); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database + " TEMPLATE template0");
        }
    }

    /** {@code target} as a copy of {@code source} (a file copy: PostgreSQL's CREATE DATABASE ... TEMPLATE). */
    void copy(String source, String target) throws SQLException {
        drop(target);
        try (Connection c = connect(maintenanceDb); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + source + "'"
                    + " AND pid <> pg_backend_pid()");
            s.execute("CREATE DATABASE " + target + " TEMPLATE " + source);
        }
    }

    void drop(String database) throws SQLException {
        try (Connection c = connect(maintenanceDb); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /** The product's schema, from the migrations module (the same Flyway scripts {@code migrate} runs). */
    void migrate(String database) {
        Flyway.configure()
                .dataSource(url(database), user, password)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    /**
     * A login member of orchestrator_service (the migrations create that role) named {@code role}, its
     * password its name. Roles are cluster-wide and other runs may share the server: created only if
     * missing, a concurrent creation counts as success.
     */
    void ensureServiceRole(String role) throws SQLException {
        try (Connection c = connect(maintenanceDb); Statement s = c.createStatement()) {
            s.execute("""
                    DO $$
                    BEGIN
                        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                            CREATE ROLE %1$s LOGIN PASSWORD '%1$s' NOSUPERUSER NOBYPASSRLS IN ROLE orchestrator_service;
                        END IF;
                    EXCEPTION WHEN duplicate_object OR unique_violation THEN
                        NULL;
                    END
                    $$""".formatted(role));
        }
    }

    /** Version and the settings that matter for these figures. */
    List<String> settings() throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = connect(maintenanceDb); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT version()")) {
                r.next();
                lines.add(r.getString(1));
            }
            try (ResultSet r = s.executeQuery("SELECT name, setting, unit FROM pg_settings WHERE name IN "
                    + "('shared_buffers','work_mem','maintenance_work_mem','effective_cache_size','max_wal_size',"
                    + "'synchronous_commit','fsync','max_connections','jit','random_page_cost') ORDER BY name")) {
                while (r.next()) {
                    String unit = r.getString(3);
                    lines.add(r.getString(1) + "=" + r.getString(2) + (unit == null ? "" : " (" + unit + ")"));
                }
            }
        }
        return lines;
    }

    @Override
    public void close() throws Exception {
        if (embedded != null) {
            embedded.close();
        }
    }
}
