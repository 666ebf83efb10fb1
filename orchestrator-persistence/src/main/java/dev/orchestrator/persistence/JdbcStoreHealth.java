package dev.orchestrator.persistence;

import dev.orchestrator.core.application.port.out.StoreHealth;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** {@code SELECT 1} with a short timeout; any failure means "not reachable", never an exception. */
final class JdbcStoreHealth implements StoreHealth {

    static final int TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;

    JdbcStoreHealth(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            return statement.execute("SELECT 1");
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
