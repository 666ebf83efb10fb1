package dev.orchestrator.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL path for real (CI and machines without PostgreSQL or Docker rely on
 * it), forced through the chooser exactly as ORCHESTRATOR_TEST_DB=embedded would. It starts its
 * own server and stops it again; the JVM-wide test server is not involved.
 */
class EmbeddedPostgresTest {

    @Test
    void startsCreatesADatabaseQueriesItAndStops() throws Exception {
        PostgresServerChooser.Choice choice = new PostgresServerChooser(Map.of(PostgresServerChooser.FORCE, "embedded")::get).choose();
        PostgresServer server = choice.server();
        try {
            assertThat(server.source()).isEqualTo("embedded");
            assertThat(choice.reason()).isEqualTo("ORCHESTRATOR_TEST_DB=embedded");

            try (Connection admin = server.adminConnection(); Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE embedded_check");
            }
            try (Connection connection = server.dataSource("embedded_check").getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE t (n integer)");
                statement.execute("INSERT INTO t VALUES (41), (1)");
                try (ResultSet rows = statement.executeQuery("SELECT sum(n), current_setting('server_version_num')::int FROM t")) {
                    rows.next();
                    assertThat(rows.getInt(1)).isEqualTo(42);
                    assertThat(rows.getInt(2)).as("binaries from the 15.x BOM").isBetween(150000, 159999);
                }
            }
        } finally {
            server.stop();
        }
        assertThatThrownBy(() -> server.adminConnection().close()).isInstanceOf(SQLException.class);
    }
}
