package dev.orchestrator.persistence;

import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.core.testing.ReasonCodesContract;
import dev.orchestrator.persistence.testing.ServiceRolePostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ReasonCodes contract as the service runs it: connected as the service role, under row-level security. */
class ServiceRoleReasonCodesContractTest extends ReasonCodesContract {

    @RegisterExtension
    static final ServiceRolePostgresFixture DATABASE = new ServiceRolePostgresFixture();

    @Override
    protected PortsFixture newFixture() {
        return DATABASE.newFixture();
    }
}
