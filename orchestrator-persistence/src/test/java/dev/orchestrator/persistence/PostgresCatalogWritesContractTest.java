package dev.orchestrator.persistence;

import dev.orchestrator.core.testing.CatalogWritesContract;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.persistence.testing.PooledPostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL catalog writes honour the core's CatalogWrites contract. */
class PostgresCatalogWritesContractTest extends CatalogWritesContract {

    @RegisterExtension
    static final PooledPostgresFixture DATABASE = new PooledPostgresFixture();

    @Override
    protected PortsFixture newFixture() {
        return DATABASE.newFixture();
    }
}
