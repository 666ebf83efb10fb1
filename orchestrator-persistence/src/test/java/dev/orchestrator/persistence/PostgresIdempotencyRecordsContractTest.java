package dev.orchestrator.persistence;

import dev.orchestrator.core.testing.IdempotencyRecordsContract;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.persistence.testing.PooledPostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL idempotency records honour the core's contract. */
class PostgresIdempotencyRecordsContractTest extends IdempotencyRecordsContract {

    @RegisterExtension
    static final PooledPostgresFixture DATABASE = new PooledPostgresFixture();

    @Override
    protected PortsFixture newFixture() {
        return DATABASE.newFixture();
    }
}
