package dev.orchestrator.persistence;

import dev.orchestrator.core.application.port.out.StoreHealth;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * {@code SELECT 1}, answered within {@link #TIMEOUT_SECONDS}: any failure or a slower answer means
 * "not reachable", never an exception. The bound covers getting a connection too (a pool waits
 * its whole connection timeout when the database is down), so the check runs on a daemon thread.
 */
final class JdbcStoreHealth implements StoreHealth {

    static final int TIMEOUT_SECONDS = 2;

    private static final Executor CHECKS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "orchestrator-db-health");
        thread.setDaemon(true);
        return thread;
    });

    private final DataSource dataSource;

    JdbcStoreHealth(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean isReachable() {
        try {
            return CompletableFuture.supplyAsync(this::selectOne, CHECKS).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return false;
        }
    }

    private boolean selectOne() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            return statement.execute("SELECT 1");
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
