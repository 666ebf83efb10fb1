package dev.orchestrator.persistence;

import dev.orchestrator.core.testing.PriorityRecomputationContract;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.persistence.testing.PooledPostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL adapters honour the core's PriorityRecomputation contract. */
class PostgresPriorityRecomputationContractTest extends PriorityRecomputationContract {

    @RegisterExtension
    static final PooledPostgresFixture DATABASE = new PooledPostgresFixture();

    @Override
    protected PortsFixture newFixture() {
        return DATABASE.newFixture();
    }

    /** Thousands of rows, so that every branch of the score meets many random cases. */
    @Override
    protected int executionCount() {
        return 3000;
    }
}
