package dev.orchestrator.persistence;

import dev.orchestrator.core.testing.PolicySimulationContract;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.persistence.testing.PooledPostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL policy simulation honours the core's contract. */
class PostgresPolicySimulationContractTest extends PolicySimulationContract {

    @RegisterExtension
    static final PooledPostgresFixture DATABASE = new PooledPostgresFixture();

    @Override
    protected PortsFixture newFixture() {
        return DATABASE.newFixture();
    }
}
