package dev.orchestrator.persistence;

import dev.orchestrator.core.testing.IdempotencyRecordsContract;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.persistence.testing.ServiceRolePostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The IdempotencyRecords contract as the service runs it: connected as the service role, under row-level security. */
class ServiceRoleIdempotencyRecordsContractTest extends IdempotencyRecordsContract {

    @RegisterExtension
    static final ServiceRolePostgresFixture DATABASE = new ServiceRolePostgresFixture();

    @Override
    protected PortsFixture newFixture() {
        return DATABASE.newFixture();
    }
}
