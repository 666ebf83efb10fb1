package dev.orchestrator.persistence.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.testsupport.PostgresExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@link PostgresFixture}s on one pool over the test class's fresh database: register it as a
 * static {@code @RegisterExtension} field and hand {@link #newFixture()} to a port contract.
 */
public final class PooledPostgresFixture implements BeforeAllCallback, AfterAllCallback {

    private HikariDataSource pool;

    @Override
    public void beforeAll(ExtensionContext context) {
        pool = TestPools.pool(PostgresExtension.classDatabase(context).dataSource());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        pool.close();
    }

    public PortsFixture newFixture() {
        return new PostgresFixture(pool);
    }
}
