package dev.orchestrator.persistence;

import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.core.testing.ReadTransactionsContract;
import dev.orchestrator.persistence.testing.ServiceRolePostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL adapters honour the ReadTransactions contract as the service runs them: connected as the service role, under row-level security. */
class ServiceRoleReadTransactionsContractTest extends ReadTransactionsContract {

    @RegisterExtension
    static final ServiceRolePostgresFixture DATABASE = new ServiceRolePostgresFixture();

    @Override
    protected PortsFixture newFixture() {
        return DATABASE.newFixture();
    }
}
