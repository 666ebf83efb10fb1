package dev.orchestrator.persistence;

import dev.orchestrator.core.testing.ExecutionViewsContract;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.persistence.testing.PooledPostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL adapters honour the core's ExecutionViews contract. */
class PostgresExecutionViewsContractTest extends ExecutionViewsContract {

    @RegisterExtension
    static final PooledPostgresFixture DATABASE = new PooledPostgresFixture();

    @Override
    protected PortsFixture newFixture() {
        return DATABASE.newFixture();
    }
}
