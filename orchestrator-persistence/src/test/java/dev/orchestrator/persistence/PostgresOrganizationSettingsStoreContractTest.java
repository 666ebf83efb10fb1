package dev.orchestrator.persistence;

import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.core.testing.OrganizationSettingsStoreContract;
import dev.orchestrator.persistence.testing.PooledPostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL organization settings honour the core's contract. */
class PostgresOrganizationSettingsStoreContractTest extends OrganizationSettingsStoreContract {

    @RegisterExtension
    static final PooledPostgresFixture DATABASE = new PooledPostgresFixture();

    @Override
    protected PortsFixture newFixture() {
        return DATABASE.newFixture();
    }
}
