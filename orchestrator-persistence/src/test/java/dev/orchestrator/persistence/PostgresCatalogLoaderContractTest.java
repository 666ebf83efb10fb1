package dev.orchestrator.persistence;

import dev.orchestrator.core.testing.CatalogLoaderContract;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.persistence.testing.PooledPostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL catalog loader honours the core's CatalogLoader contract. */
class PostgresCatalogLoaderContractTest extends CatalogLoaderContract {

    @RegisterExtension
    static final PooledPostgresFixture DATABASE = new PooledPostgresFixture();

    @Override
    protected PortsFixture newFixture() {
        return DATABASE.newFixture();
    }
}
