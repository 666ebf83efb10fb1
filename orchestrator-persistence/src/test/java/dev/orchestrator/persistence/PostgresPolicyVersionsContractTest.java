package dev.orchestrator.persistence;

import dev.orchestrator.core.testing.PolicyVersionsContract;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.persistence.testing.PooledPostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL policy versions honour the core's contract. */
class PostgresPolicyVersionsContractTest extends PolicyVersionsContract {

    @RegisterExtension
    static final PooledPostgresFixture DATABASE = new PooledPostgresFixture();

    @Override
    protected PortsFixture newFixture() {
        return DATABASE.newFixture();
    }
}
