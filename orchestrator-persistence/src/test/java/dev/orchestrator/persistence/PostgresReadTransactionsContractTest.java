package dev.orchestrator.persistence;

import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.core.testing.ReadTransactionsContract;
import dev.orchestrator.persistence.testing.PooledPostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL adapters honour the ReadTransactions contract. */
class PostgresReadTransactionsContractTest extends ReadTransactionsContract {

    @RegisterExtension
    static final PooledPostgresFixture DATABASE = new PooledPostgresFixture();

    @Override
    protected PortsFixture newFixture() {
        return DATABASE.newFixture();
    }
}
