package dev.orchestrator.persistence;

import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.core.testing.ReasonCodesContract;
import dev.orchestrator.persistence.testing.PooledPostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL reason codes honour the core's contract. */
class PostgresReasonCodesContractTest extends ReasonCodesContract {

    @RegisterExtension
    static final PooledPostgresFixture DATABASE = new PooledPostgresFixture();

    @Override
    protected PortsFixture newFixture() {
        return DATABASE.newFixture();
    }
}
