package dev.orchestrator.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithPostgres
class PostgresExtensionTest {

    private static String databaseSeenInBeforeAll;
    private final TestDatabase db;

    PostgresExtensionTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeAll
    static void remember(TestDatabase db) {
        databaseSeenInBeforeAll = db.name();
    }

    @Test
    void theClassDatabaseIsMigrated() throws SQLException {
        assertThat(count(db, "SELECT count(*) FROM flyway_schema_history WHERE success")).isGreaterThanOrEqualTo(10);
        assertThat(count(db, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'workflow_executions'")).isEqualTo(1);
    }

    @Test
    void constructorBeforeAllAndMethodsShareOneDatabasePerClass(TestDatabase parameter) {
        assertThat(parameter.name()).isEqualTo(db.name()).isEqualTo(databaseSeenInBeforeAll).startsWith(TestDatabases.PREFIX);
    }

    @Test
    void urlUserAndPasswordAreEnoughToConnect() throws SQLException {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT current_database()")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo(db.name());
        }
    }

    @Test
    void anEmptyDatabaseHasNoSchemaAndIsDroppedAfterTheTest(@EmptyDatabase TestDatabase empty) throws SQLException {
        assertThat(empty.name()).isNotEqualTo(db.name());
        assertThat(count(empty, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")).isZero();
        assertThat(count(db, "SELECT count(*) FROM pg_database WHERE datname = '" + empty.name() + "'")).isEqualTo(1);
    }

    @Test
    void droppingRemovesTheDatabase() throws SQLException {
        TestDatabase scratch = TestDatabases.get().createEmpty();
        try (Connection open = scratch.connection()) {
            // a session left open must not block the drop (WITH (FORCE))
            TestDatabases.get().drop(scratch.name());
        }
        assertThat(count(db, "SELECT count(*) FROM pg_database WHERE datname = '" + scratch.name() + "'")).isZero();
    }

    private static long count(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.connection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
