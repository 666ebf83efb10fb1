package dev.orchestrator.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PgBouncer the HTTP suite runs through a second time: it is really in transaction pooling mode
 * in front of the tests' server, and the two things the product relies on there hold through it: a
 * transaction-local setting stays with its transaction, and a transaction-level advisory lock held by
 * one client's open transaction is seen by another client.
 */
class PgBouncerFrontTest {

    private static PostgresServer front;
    private static TestDatabase database;

    @BeforeAll
    static void start() {
        Optional<Path> binary = PgBouncerFront.binary();
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertThat(binary).as("under CI=true a PgBouncer must be installed (apt-get install pgbouncer)").isPresent();
        }
        assumeTrue(binary.isPresent(), "no pgbouncer installed (apt-get install pgbouncer): skipped");
        database = TestDatabases.get().createEmpty();
        front = PgBouncerFront.start(TestDatabases.get().server(), binary.get());
    }

    @AfterAll
    static void stop() {
        if (front != null) {
            front.stop();
        }
        if (database != null) {
            TestDatabases.get().drop(database.name());
        }
    }

    @Test
    void poolsTransactions() throws SQLException {
        DataSource through = front.dataSource(database.name());
        try (Connection a = through.getConnection(); Connection b = through.getConnection();
                Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            // In session pooling b would need a server connection of its own while a stays connected;
            // in transaction pooling a's server connection is free again once its statement is done,
            // and PgBouncer hands that one (the most recently used) to b.
            String first = single(sa, "SELECT pg_backend_pid()");
            assertThat(single(sb, "SELECT pg_backend_pid()")).isEqualTo(first);
        }
        assertThat(front.jdbcUrl(database.name())).endsWith("?prepareThreshold=0");
    }

    @Test
    void keepsATransactionLocalSettingWithItsTransaction() throws SQLException {
        DataSource through = front.dataSource(database.name());
        try (Connection c = through.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT set_config('orchestrator.organization_id', 'a', true)");
                // 2 more round trips in the same transaction: PgBouncer keeps the same server connection
                for (int i = 0; i < 2; i++) {
                    assertThat(single(s, "SELECT current_setting('orchestrator.organization_id', true)")).isEqualTo("a");
                }
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                assertThat(single(s, "SELECT coalesce(current_setting('orchestrator.organization_id', true), '')")).isEmpty();
            }
        }
    }

    @Test
    void aTransactionLevelAdvisoryLockHoldsAcrossClients() throws SQLException {
        DataSource through = front.dataSource(database.name());
        try (Connection holder = through.getConnection(); Connection other = through.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement h = holder.createStatement(); Statement o = other.createStatement()) {
                assertThat(single(h, "SELECT pg_try_advisory_xact_lock(1, 2)")).isEqualTo("t");
                assertThat(single(o, "SELECT pg_try_advisory_xact_lock(1, 2)")).isEqualTo("f");
                holder.rollback();
                assertThat(single(o, "SELECT pg_try_advisory_xact_lock(1, 2)")).isEqualTo("t");
            }
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet r = statement.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
