package dev.orchestrator.persistence;

import dev.orchestrator.core.testing.QueueReaderContract;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.persistence.testing.PooledPostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL adapters honour the core's QueueReader contract. */
class PostgresQueueReaderContractTest extends QueueReaderContract {

    @RegisterExtension
    static final PooledPostgresFixture DATABASE = new PooledPostgresFixture();

    @Override
    protected PortsFixture newFixture() {
        return DATABASE.newFixture();
    }
}
