package dev.orchestrator.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@WithPostgres
class PoolTimeoutsTest {

    @Test
    void theServicePoolCancelsAStatementOverItsTimeout(TestDatabase db) throws Exception {
        try (HikariDataSource pool = ConnectionPool.create(db.jdbcUrl(), db.user(), db.password(),
                PoolTimeouts.of(Duration.ofSeconds(2), Duration.ofMillis(1500)), "timeouts-test")) {
            assertThat(pool.getPoolName()).isEqualTo("timeouts-test");
            assertThat(pool.getConnectionTimeout()).isEqualTo(2_000);
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery("SHOW statement_timeout");
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("1500ms");
                long start = System.nanoTime();
                assertThatThrownBy(() -> s.execute("SELECT pg_sleep(20)")).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void theSocketTimeoutIsASecondAboveTheStatementTimeout() {
        assertThat(PoolTimeouts.of(Duration.ofSeconds(3), Duration.ofSeconds(3)).socket()).isEqualTo(Duration.ofSeconds(4));
        assertThat(PoolTimeouts.of(Duration.ofSeconds(3), Duration.ofMillis(1500)).socket()).isEqualTo(Duration.ofSeconds(3));
        assertThat(PoolTimeouts.SERVICE.socket()).isGreaterThan(PoolTimeouts.SERVICE.statement());
    }

    @Test
    void theDefaultPoolHasNoStatementTimeout(TestDatabase db) throws Exception {
        try (HikariDataSource pool = ConnectionPool.create(db.jdbcUrl(), db.user(), db.password());
             Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SHOW statement_timeout");
            rs.next();
            assertThat(rs.getString(1)).as("migrations and batch jobs run without one").isEqualTo("0");
        }
    }
}
