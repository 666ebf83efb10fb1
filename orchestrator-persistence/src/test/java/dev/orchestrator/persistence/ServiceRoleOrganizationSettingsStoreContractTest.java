package dev.orchestrator.persistence;

import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.core.testing.OrganizationSettingsStoreContract;
import dev.orchestrator.persistence.testing.ServiceRolePostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The OrganizationSettingsStore contract as the service runs it: connected as the service role, under row-level security. */
class ServiceRoleOrganizationSettingsStoreContractTest extends OrganizationSettingsStoreContract {

    @RegisterExtension
    static final ServiceRolePostgresFixture DATABASE = new ServiceRolePostgresFixture();

    @Override
    protected PortsFixture newFixture() {
        return DATABASE.newFixture();
    }
}
