package dev.orchestrator.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One database created for tests, with everything a test needs to reach it: a DataSource for
 * code under test, and URL/user/password for things that connect on their own (the CLI).
 *
 * @param name       the database name (unique to this run)
 * @param jdbcUrl    JDBC URL without credentials
 * @param user       user name
 * @param password   password, or {@code null} when the server needs none
 * @param dataSource a non-pooled DataSource on this database
 */
public record TestDatabase(String name, String jdbcUrl, String user, String password, DataSource dataSource) {

    /**
     * A non-pooled DataSource on this database as the service's kind of role: a login member of
     * {@code orchestrator_service} that owns nothing and cannot bypass row-level security
     * ({@link ServiceRole}). The server's own user (usually a superuser) bypasses it, so tests of
     * tenant isolation must connect this way.
     */
    public DataSource serviceDataSource() {
        return ServiceRole.dataSource(name);
    }

    /** A new connection to this database; the caller closes it. */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }
}
