package dev.orchestrator.http;

import com.zaxxer.hikari.HikariDataSource;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.persistence.testing.PostgresFixture;
import dev.orchestrator.persistence.testing.TestPools;
import dev.orchestrator.testsupport.TestDatabase;

/**
 * The one place that chooses the store the HTTP tests run on: the PostgreSQL adapter on a real
 * database (a fresh one per test class, see {@code @WithPostgres} on {@link ApiTestBase}). Tests only
 * see a {@link PortsFixture} and {@code World}s built on it.
 */
final class TestBackend implements AutoCloseable {

    private final HikariDataSource pool;
    private final PortsFixture fixture;

    private TestBackend(HikariDataSource pool) {
        this.pool = pool;
        this.fixture = new PostgresFixture(pool);
    }

    static TestBackend on(TestDatabase database) {
        return new TestBackend(TestPools.pool(database.dataSource()));
    }

    PortsFixture fixture() {
        return fixture;
    }

    @Override
    public void close() {
        pool.close();
    }
}
