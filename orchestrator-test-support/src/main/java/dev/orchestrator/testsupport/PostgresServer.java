package dev.orchestrator.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL server the tests may create databases on: how to reach it, and how to stop it
 * if this JVM started it (embedded, container).
 *
 * @param source   short name of where it came from: {@code url}, {@code local}, {@code testcontainers}, {@code embedded},
 *                 or {@code pgbouncer} for a PgBouncer in front of one ({@link PgBouncerFront})
 * @param host     host name or address
 * @param port     TCP port
 * @param user     a user allowed to CREATE DATABASE
 * @param password its password, or {@code null}
 * @param maintenanceDatabase an existing database to connect to for CREATE/DROP DATABASE
 * @param stopper  stops the server when the JVM is done with it; a no-op for servers we did not start
 */
public record PostgresServer(String source, String host, int port, String user, String password,
                             String maintenanceDatabase, AutoCloseable stopper) {

    public PostgresServer {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(maintenanceDatabase, "maintenanceDatabase");
        Objects.requireNonNull(stopper, "stopper");
    }

    /**
     * JDBC URL of one database on this server (no credentials in it). Through PgBouncer's transaction
     * pooling it asks for unnamed statements only ({@code prepareThreshold=0}): a named server-side
     * prepared statement lives in one server session, which the next transaction may not get.
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + (pooled() ? "?prepareThreshold=0" : "");
    }

    /** Whether this is a transaction-pooling PgBouncer in front of the real server. */
    public boolean pooled() {
        return source.equals("pgbouncer");
    }

    /** A non-pooled DataSource on one database; short timeouts so a dead server fails fast. */
    public DataSource dataSource(String database) {
        return dataSource(database, user, password);
    }

    /** A non-pooled DataSource on one database as another role ({@code password} null for none). */
    public DataSource dataSource(String database, String role, String rolePassword) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {host});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName(database);
        dataSource.setUser(role);
        if (rolePassword != null) {
            dataSource.setPassword(rolePassword);
        }
        dataSource.setConnectTimeout(5);
        dataSource.setLoginTimeout(5);
        dataSource.setApplicationName("orchestrator-tests");
        if (pooled()) {
            dataSource.setPrepareThreshold(0);
        }
        return dataSource;
    }

    /** A connection to the maintenance database, for CREATE/DROP DATABASE. */
    public Connection adminConnection() throws SQLException {
        return dataSource(maintenanceDatabase).getConnection();
    }

    /** Stops the server if we started it. */
    void stop() {
        try {
            stopper.close();
        } catch (Exception e) {
            System.err.println("[orchestrator-tests] could not stop the " + source + " PostgreSQL: " + e);
        }
    }

    @Override
    public String toString() {
        return source + " PostgreSQL at " + host + ":" + port + " as " + user;
    }
}
