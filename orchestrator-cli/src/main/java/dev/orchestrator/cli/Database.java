package dev.orchestrator.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.orchestrator.core.application.Orchestrator;
import dev.orchestrator.core.application.OutboundPorts;
import dev.orchestrator.persistence.ConnectionPool;
import dev.orchestrator.persistence.Migrator;
import dev.orchestrator.persistence.PoolTimeouts;
import dev.orchestrator.persistence.PostgresStore;
import dev.orchestrator.persistence.load.SchemaCheck;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.Driver;

/**
 * The database a command works on: a connection pool on the configured PostgreSQL, or on an
 * embedded PostgreSQL started for the duration of the command (its data kept in the data
 * directory). Closing it closes the pool and stops the embedded server; so does a JVM shutdown
 * (Ctrl-C, SIGTERM), after running the actions given to {@link #beforeShutdown(Runnable)}.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;
    private final EmbeddedPostgres embedded;
    private final String description;
    /** Where {@link #servicePool} connects: the pool's own URL and credentials. */
    private final String url;
    private final String user;
    private final String password;
    private HikariDataSource servicePool;
    private final List<Runnable> beforeShutdown = new ArrayList<>();
    private final Thread hook;
    private boolean closed;

    private Database(HikariDataSource pool, EmbeddedPostgres embedded, String description, String url, String user,
            String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.pool = pool;
        this.embedded = embedded;
        this.description = description;
        this.hook = new Thread(this::shutdown, "orchestrator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Connects to the configured database, or starts the embedded one. */
    public static Database open(DatabaseOptions.DatabaseSettings settings) {
        return open(settings, new java.io.PrintWriter(System.err, true));
    }

    /** As {@link #open(DatabaseOptions.DatabaseSettings)}; {@code err} hears of a leftover server being stopped. */
    public static Database open(DatabaseOptions.DatabaseSettings settings, java.io.PrintWriter err) {
        if (settings.url() != null) {
            String where = describeUrl(settings.url());
            HikariDataSource pool = Pools.open(settings.url(), settings.user(), settings.password(), where);
            return new Database(pool, null, "PostgreSQL at " + where, settings.url(), settings.user(),
                    settings.password());
        }
        EmbeddedOwner.clearLeftover(settings.dataDir(), err);
        EmbeddedPostgres embedded = EmbeddedDatabase.start(settings.dataDir());
        EmbeddedOwner.claim(settings.dataDir());
        try {
            String url = embedded.getJdbcUrl("postgres", "postgres");
            HikariDataSource pool = Pools.open(url, "postgres", null, "the embedded PostgreSQL");
            try {
                EmbeddedDatabase.createServiceRole(pool);
            } catch (RuntimeException e) {
                pool.close();
                throw e;
            }
            Database database = new Database(pool, embedded, "embedded PostgreSQL in " + settings.dataDir(), url,
                    "postgres", null);
            database.embeddedDataDir = settings.dataDir();
            return database;
        } catch (RuntimeException e) {
            closeQuietly(embedded);
            EmbeddedOwner.release(settings.dataDir());
            throw e;
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    /** The core on this database (the PostgreSQL store), on the system clock, with the standard policies. */
    public Orchestrator orchestrator() {
        return new Orchestrator(ports(), Clock.systemUTC());
    }

    /** The PostgreSQL store's ports, for what a command reads directly. */
    public OutboundPorts ports() {
        return PostgresStore.create(pool).ports();
    }

    /**
     * The core on a second pool for the HTTP API, whose calls give up within {@code timeouts} (a down
     * or frozen database is then a prompt 503, not a hang); the first pool, without them, keeps
     * serving migrations and batch work. Both pools report to {@code meterRegistry} (a Micrometer
     * registry; null for none). Closed with this database.
     */
    public synchronized Orchestrator serviceOrchestrator(PoolTimeouts timeouts, Object meterRegistry) {
        return serviceOrchestrator(timeouts, meterRegistry, null);
    }

    /**
     * As {@link #serviceOrchestrator(PoolTimeouts, Object)}, the API's pool connecting as {@code role}
     * (a member of {@code orchestrator_service}, bound by row-level security); null: the embedded
     * database's {@code orchestrator_service}, or for another database this database's own user.
     */
    public synchronized Orchestrator serviceOrchestrator(PoolTimeouts timeouts, Object meterRegistry, ServiceRole role) {
        return serviceOrchestrator(timeouts, meterRegistry, role, ConnectionPool.MAXIMUM_POOL_SIZE);
    }

    /** As {@link #serviceOrchestrator(PoolTimeouts, Object, ServiceRole)}, with {@code poolSize} connections. */
    public synchronized Orchestrator serviceOrchestrator(PoolTimeouts timeouts, Object meterRegistry, ServiceRole role,
            int poolSize) {
        if (servicePool == null) {
            ServiceRole connectAs = role != null ? role : embedded != null ? EMBEDDED_SERVICE_ROLE : null;
            servicePool = connectAs == null ? ConnectionPool.create(url, user, password, timeouts, SERVICE_POOL_NAME)
                    : ConnectionPool.create(withoutCredentials(url), connectAs.user(), connectAs.password(), timeouts,
                            SERVICE_POOL_NAME);
            // The pool starts sealed at construction; its size stays adjustable through the MXBean.
            servicePool.getHikariConfigMXBean().setMaximumPoolSize(poolSize);
            if (meterRegistry != null) {
                pool.setMetricRegistry(meterRegistry);
                servicePool.setMetricRegistry(meterRegistry);
            }
        }
        return new Orchestrator(PostgresStore.create(servicePool).ports(), Clock.systemUTC());
    }

    /** A role to connect as; its password is never shown. */
    public record ServiceRole(String user, String password) {
        @Override
        public String toString() {
            return "ServiceRole[user=" + user + (password == null ? "" : ", password=****") + "]";
        }
    }

    /** The role the embedded database's API pool connects as (created by {@link EmbeddedDatabase}). */
    static final ServiceRole EMBEDDED_SERVICE_ROLE = new ServiceRole("orchestrator_service", null);

    /**
     * Whether the API's pool connects as a role that row-level security does not bind (a superuser, a
     * role with BYPASSRLS): tenant isolation then rests on the application's own WHERE clauses only.
     * Empty when the database does not answer. Only after {@link #serviceOrchestrator}.
     */
    public synchronized java.util.Optional<String> serviceRoleBypassingRowLevelSecurity() {
        if (servicePool == null) {
            return java.util.Optional.empty();
        }
        try (Connection c = servicePool.getConnection();
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery(
                        "SELECT current_user, rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")) {
            return r.next() && r.getBoolean(2) ? java.util.Optional.of(r.getString(1)) : java.util.Optional.empty();
        } catch (SQLException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** A JDBC URL without the user and password parameters it may carry (another role connects with it). */
    static String withoutCredentials(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return jdbcUrl;
        }
        String kept = java.util.Arrays.stream(jdbcUrl.substring(query + 1).split("&"))
                .filter(p -> !p.isEmpty() && !p.startsWith("user=") && !p.startsWith("password="))
                .collect(java.util.stream.Collectors.joining("&"));
        return jdbcUrl.substring(0, query) + (kept.isEmpty() ? "" : "?" + kept);
    }

    /** The name of {@link #serviceOrchestrator}'s pool in logs and metrics. */
    public static final String SERVICE_POOL_NAME = "orchestrator-api";

    /** Whether every migration is applied (false, not an exception, when the database does not answer). */
    public boolean migrationsCurrent() {
        try {
            return SchemaCheck.pendingMigrations(pool).isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public boolean embedded() {
        return embedded != null;
    }

    /** Where the data is, without credentials. */
    public String description() {
        return description;
    }

    /** Applies pending migrations and returns them (what {@code migrate} and {@code serve} do). */
    public List<Migrator.AppliedMigration> migrate() {
        return new Migrator(pool).migrate();
    }

    /**
     * Makes sure the schema is current before a command uses it: the embedded database is
     * migrated on the spot (it is ours), any other database must have been migrated with
     * {@code orchestrator migrate}.
     */
    public void requireSchema(Env env) {
        if (embedded()) {
            List<Migrator.AppliedMigration> applied = migrate();
            if (!applied.isEmpty()) {
                env.err().println("Prepared the " + description + " (applied " + applied.size() + " migrations).");
            }
            return;
        }
        requireAllOrganizations();
        List<String> pending = SchemaCheck.pendingMigrations(pool);
        if (!pending.isEmpty()) {
            throw CliFailure.failure("The " + description + " is missing " + pending.size()
                    + " migration(s) (up to V" + pending.get(pending.size() - 1)
                    + "): run 'orchestrator migrate' first");
        }
    }

    /**
     * The commands on this pool (import, seed, recompute, interpret-signals and the daily job without
     * an organization, serve's demo seeding and scheduled job) work across organizations in single
     * set-based statements, so they run as the owner role, which must bypass row-level security
     * (BYPASSRLS, or a superuser). Bound by it, they would see no row and silently do nothing: refused
     * here in one sentence instead.
     */
    public void requireAllOrganizations() {
        try (Connection c = pool.getConnection(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery(
                        "SELECT current_user, rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")) {
            if (r.next() && !r.getBoolean(2)) {
                throw CliFailure.failure("The database user " + r.getString(1) + " is bound by row-level security, "
                        + "so it cannot work across organizations: run this as the owner role with BYPASSRLS "
                        + "(ALTER ROLE " + r.getString(1) + " BYPASSRLS, as a superuser; see docs/operations.md)");
            }
        } catch (SQLException e) {
            throw CliFailure.failure("Cannot read the database user's attributes: " + rootMessage(e), e);
        }
    }

    /** Runs before the pool closes when the JVM is shutting down (e.g. stop the HTTP server first). */
    public synchronized void beforeShutdown(Runnable action) {
        beforeShutdown.add(action);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it closes everything
        }
        closeResources();
    }

    private void shutdown() {
        List<Runnable> actions;
        synchronized (this) {
            actions = List.copyOf(beforeShutdown);
        }
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException ignored) {
                // keep shutting down
            }
        }
        closeResources();
    }

    private synchronized void closeResources() {
        if (closed) {
            return;
        }
        closed = true;
        if (servicePool != null) {
            servicePool.close();
        }
        pool.close();
        if (embedded != null) {
            closeQuietly(embedded);
            if (embeddedDataDir != null) {
                EmbeddedOwner.release(embeddedDataDir);
            }
        }
    }

    /** The embedded server's data directory (null on a configured PostgreSQL). */
    private Path embeddedDataDir;

    private static void closeQuietly(EmbeddedPostgres embedded) {
        try {
            embedded.close();
        } catch (IOException | RuntimeException ignored) {
            // best effort: the server is going away anyway
        }
    }

    /** host:port/database of a JDBC URL; never the credentials it may carry. */
    public static String describeUrl(String url) {
        Properties p = Driver.parseURL(url, new Properties());
        if (p == null) {
            return "(unparsable URL)";
        }
        return p.getProperty("PGHOST", "localhost") + ":" + p.getProperty("PGPORT", "5432") + "/"
                + p.getProperty("PGDBNAME", "");
    }

    /** The connection pool (the persistence module's), opened and tried once so a bad URL fails here. */
    static final class Pools {
        private Pools() {}

        static HikariDataSource open(String url, String user, String password, String where) {
            HikariDataSource pool;
            try {
                pool = ConnectionPool.create(url, user, password);
            } catch (RuntimeException e) {
                throw cannotConnect(where, e);
            }
            try (Connection ignored = pool.getConnection()) {
                return pool;
            } catch (SQLException | RuntimeException e) {
                pool.close();
                throw cannotConnect(where, e);
            }
        }

        private static CliFailure cannotConnect(String where, Exception e) {
            return CliFailure.failure("Cannot connect to " + where + ": " + rootMessage(e)
                    + " (check --db-url/" + DatabaseOptions.URL_VARIABLE + ", " + DatabaseOptions.USER_VARIABLE
                    + " and " + DatabaseOptions.PASSWORD_VARIABLE + ")", e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Starts the embedded PostgreSQL on a data directory that survives restarts. */
    static final class EmbeddedDatabase {
        private EmbeddedDatabase() {}

        /**
         * The role the API connects as, so that a newcomer's {@code serve} runs under row-level security
         * with nothing to set up: {@code orchestrator_service} with LOGIN (the embedded server trusts local
         * connections; it listens on the loopback only). The migrations grant it; the owner is
         * {@code postgres}. Only this process uses this server (its data directory is locked).
         */
        static void createServiceRole(DataSource pool) {
            try (Connection c = pool.getConnection(); java.sql.Statement s = c.createStatement()) {
                s.execute("""
                        DO $$
                        BEGIN
                            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'orchestrator_service') THEN
                                CREATE ROLE orchestrator_service LOGIN NOSUPERUSER NOBYPASSRLS;
                            ELSE
                                ALTER ROLE orchestrator_service LOGIN;
                            END IF;
                        END
                        $$""");
            } catch (SQLException e) {
                throw CliFailure.failure("Cannot create the role orchestrator_service in the embedded PostgreSQL: "
                        + e.getMessage(), e);
            }
        }

        static EmbeddedPostgres start(Path dataDir) {
            try {
                Files.createDirectories(dataDir.getParent());
                return EmbeddedPostgres.builder()
                        .setDataDirectory(dataDir)
                        .setCleanDataDirectory(false)
                        // Database closes it (also from its own shutdown hook, after in-flight work).
                        .setRegisterShutdownHook(false)
                        .start();
            } catch (IOException | RuntimeException e) {
                if (rootMessage(e).contains("could not lock")) {
                    // The usual cause: `serve` (or another command) is running on the same data directory.
                    throw CliFailure.failure("The embedded PostgreSQL in " + dataDir + " is in use by another "
                            + "orchestrator process (is `serve` running?): stop it first, or give this command "
                            + "its own --data-dir, or run both against one PostgreSQL with --db-url (or "
                            + DatabaseOptions.URL_VARIABLE + ")", e);
                }
                throw CliFailure.failure("Could not start the embedded PostgreSQL in " + dataDir + " ("
                        + rootMessage(e) + "); point the orchestrator at your own PostgreSQL instead with "
                        + "--db-url jdbc:postgresql://HOST:5432/DATABASE (or " + DatabaseOptions.URL_VARIABLE
                        + ") and " + DatabaseOptions.USER_VARIABLE + "/" + DatabaseOptions.PASSWORD_VARIABLE, e);
            }
        }
    }
}
