package dev.orchestrator.persistence;

import dev.orchestrator.core.testing.DependencyBlocksContract;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.persistence.testing.PooledPostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PostgreSQL adapters honour the DependencyBlocks contract. Its random-data test is the proof that
 * {@code DependencySql} (the queue's anti-join) decides as {@code DependencyRule} does.
 */
class PostgresDependencyBlocksContractTest extends DependencyBlocksContract {

    @RegisterExtension
    static final PooledPostgresFixture DATABASE = new PooledPostgresFixture();

    @Override
    protected PortsFixture newFixture() {
        return DATABASE.newFixture();
    }
}
