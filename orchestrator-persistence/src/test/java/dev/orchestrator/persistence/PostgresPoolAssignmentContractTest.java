package dev.orchestrator.persistence;

import dev.orchestrator.core.testing.PoolAssignmentContract;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.persistence.testing.PooledPostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The interpretation's SQL assigns pool CSMs exactly as the core's AssignmentRule (PoolAssignment contract). */
class PostgresPoolAssignmentContractTest extends PoolAssignmentContract {

    @RegisterExtension
    static final PooledPostgresFixture DATABASE = new PooledPostgresFixture();

    @Override
    protected PortsFixture newFixture() {
        return DATABASE.newFixture();
    }
}
