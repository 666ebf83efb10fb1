package dev.orchestrator.persistence;

import dev.orchestrator.core.testing.AnalyticsReadsContract;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.persistence.testing.PooledPostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL adapters honour the AnalyticsReads contract. */
class PostgresAnalyticsReadsContractTest extends AnalyticsReadsContract {

    @RegisterExtension
    static final PooledPostgresFixture DATABASE = new PooledPostgresFixture();

    @Override
    protected PortsFixture newFixture() {
        return DATABASE.newFixture();
    }
}
