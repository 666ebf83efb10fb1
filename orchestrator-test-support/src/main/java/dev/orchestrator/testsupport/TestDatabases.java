package dev.orchestrator.testsupport;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/**
 * The JVM-wide side of the test databases: the server (chosen once), one migrated template,
 * and the databases cloned from it.
 *
 * <p>Names are {@code orchtest_<yyyyMMddHHmm>_<random run id>_<suffix>}: the run id keeps
 * concurrent Maven runs on one server apart (each run migrates its own template, so no run
 * ever sees another's half-migrated template), and the timestamp lets a later run drop what a
 * killed run left behind. Everything this run created is dropped at JVM exit.
 */
final class TestDatabases {

    static final String PREFIX = "orchtest_";
    /** Databases of runs older than this are considered abandoned (a killed JVM) and dropped. */
    private static final long STALE_AFTER_HOURS = 12;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmm");

    private static TestDatabases instance;

    private final PostgresServer server;
    /** What code under test connects to: the server, or a PgBouncer in front of it. */
    private PostgresServer clients;
    private final String runPrefix;
    private final AtomicInteger counter = new AtomicInteger();
    private final Set<String> created = ConcurrentHashMap.newKeySet();
    private String template;

    private TestDatabases(PostgresServer server) {
        this.server = server;
        this.clients = server;
        byte[] runId = new byte[3];
        new SecureRandom().nextBytes(runId);
        this.runPrefix = PREFIX + LocalDateTime.now().format(STAMP) + "_" + HexFormat.of().formatHex(runId) + "_";
    }

    /** The first call chooses the server (and says so on stderr); later calls reuse it. */
    static synchronized TestDatabases get() {
        if (instance == null) {
            PostgresServerChooser.Choice choice = PostgresServerChooser.fromEnvironment().choose();
            System.err.println("[orchestrator-tests] using " + choice.server() + " (" + choice.reason() + ")");
            TestDatabases databases = new TestDatabases(choice.server());
            databases.dropAbandoned();
            if (PgBouncerFront.requested()) {
                // PostgresExtension has already skipped (or failed, under CI) the tests when it is missing
                databases.clients = PgBouncerFront.start(choice.server(), PgBouncerFront.binary().orElseThrow(
                        () -> new IllegalStateException(PgBouncerFront.POOLER + "=pgbouncer but no pgbouncer is installed")));
            }
            Runtime.getRuntime().addShutdownHook(new Thread(databases::shutdown, "orchestrator-test-databases"));
            instance = databases;
        }
        return instance;
    }

    /** The server itself: for creating, migrating and dropping databases. */
    PostgresServer server() {
        return server;
    }

    /** What code under test connects to: the server, or the PgBouncer in front of it. */
    PostgresServer clients() {
        return clients;
    }

    /** A fresh database with the full schema, cloned from this run's migrated template. */
    TestDatabase createMigrated() {
        String name = nextName();
        String source = template();
        // CREATE DATABASE ... TEMPLATE fails if anyone is connected to the template; only this
        // class connects to it, and only while migrating under the same lock.
        synchronized (this) {
            execute("CREATE DATABASE " + name + " TEMPLATE " + source);
        }
        created.add(name);
        return describe(name);
    }

    /** A fresh database with no schema at all (for migration tests). */
    TestDatabase createEmpty() {
        String name = nextName();
        execute("CREATE DATABASE " + name + " TEMPLATE template0");
        created.add(name);
        return describe(name);
    }

    void drop(String name) {
        // WITH (FORCE) (PostgreSQL 13+) ends sessions a test forgot to close.
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        created.remove(name);
    }

    private synchronized String template() {
        if (template == null) {
            String name = runPrefix + "template";
            execute("CREATE DATABASE " + name + " TEMPLATE template0");
            created.add(name);
            long start = System.nanoTime();
            Flyway.configure()
                    .dataSource(server.dataSource(name))
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "' AND pid <> pg_backend_pid()");
            System.err.printf("[orchestrator-tests] migrated template database %s in %d ms%n", name, (System.nanoTime() - start) / 1_000_000);
            template = name;
        }
        return template;
    }

    /** Migrates this run's template if no test did yet (it also creates the migrations' roles). */
    void migratedTemplate() {
        template();
    }

    private String nextName() {
        return runPrefix + counter.incrementAndGet();
    }

    private TestDatabase describe(String name) {
        return new TestDatabase(name, clients.jdbcUrl(name), clients.user(), clients.password(), clients.dataSource(name));
    }

    /** Drops databases left by runs that were killed before their shutdown hook ran. */
    private void dropAbandoned() {
        LocalDateTime cutoff = LocalDateTime.now().minusHours(STALE_AFTER_HOURS);
        List<String> abandoned = new ArrayList<>();
        try (Connection connection = server.adminConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'orchtest\\_%'")) {
            while (rows.next()) {
                String name = rows.getString(1);
                try {
                    String stamp = name.substring(PREFIX.length(), PREFIX.length() + 12);
                    if (LocalDateTime.parse(stamp, STAMP).isBefore(cutoff)) {
                        abandoned.add(name);
                    }
                } catch (DateTimeParseException | IndexOutOfBoundsException notOurs) {
                    // not a name this class made: leave it alone
                }
            }
        } catch (SQLException e) {
            System.err.println("[orchestrator-tests] could not list old test databases: " + e.getMessage());
        }
        abandoned.forEach(this::dropQuietly);
    }

    private void shutdown() {
        if (clients != server) {
            clients.stop(); // first, so that it holds no connection to the databases dropped next
        }
        new ArrayList<>(created).forEach(this::dropQuietly);
        server.stop();
    }

    private void dropQuietly(String name) {
        try {
            drop(name);
        } catch (RuntimeException e) {
            System.err.println("[orchestrator-tests] could not drop " + name + ": " + e.getMessage());
        }
    }

    private void execute(String sql) {
        try (Connection connection = server.adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("on " + server + ": " + sql + ": " + e.getMessage(), e);
        }
    }
}
