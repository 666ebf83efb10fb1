package dev.orchestrator.persistence;

import dev.orchestrator.core.testing.SignalInterpretationContract;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.persistence.testing.PooledPostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL adapters honour the core's SignalInterpretation contract. */
class PostgresSignalInterpretationContractTest extends SignalInterpretationContract {

    @RegisterExtension
    static final PooledPostgresFixture DATABASE = new PooledPostgresFixture();

    @Override
    protected PortsFixture newFixture() {
        return DATABASE.newFixture();
    }

    /** Thousands of customers, so that every rule and threshold meets many random cases. */
    @Override
    protected int customerCount() {
        return 2000;
    }
}
