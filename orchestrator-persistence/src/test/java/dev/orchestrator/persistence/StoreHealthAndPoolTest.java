package dev.orchestrator.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

@WithPostgres
class StoreHealthAndPoolTest {

    @Test
    void aPoolOnTheDatabaseIsNamedBoundedAndReachable(TestDatabase db) throws Exception {
        try (HikariDataSource pool = ConnectionPool.create(db.jdbcUrl(), db.user(), db.password())) {
            assertThat(pool.getPoolName()).isEqualTo(ConnectionPool.POOL_NAME);
            assertThat(pool.getMaximumPoolSize()).isEqualTo(ConnectionPool.MAXIMUM_POOL_SIZE);
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT current_database()")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo(db.name());
            }
            assertThat(PostgresStore.create(pool).ports().health().isReachable()).isTrue();
        }
    }

    @Test
    void anUnreachableDatabaseIsReportedAsSuch() {
        // Nothing listens on port 1 of the loopback address: the connection is refused at once.
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/none");

        assertThat(PostgresStore.create(nowhere).ports().health().isReachable()).isFalse();
    }
}
