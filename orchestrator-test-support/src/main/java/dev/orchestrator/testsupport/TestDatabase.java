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

    /** A new connection to this database; the caller closes it. */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }
}
