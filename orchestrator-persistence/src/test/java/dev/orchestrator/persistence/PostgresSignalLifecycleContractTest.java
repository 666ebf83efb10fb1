package dev.orchestrator.persistence;


import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.core.testing.SignalLifecycleContract;
import dev.orchestrator.persistence.testing.PooledPostgresFixture;
import dev.orchestrator.persistence.testing.PostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The set-based SQL of auto-close and early wake equals the Java rules on random histories. */
class PostgresSignalLifecycleContractTest extends SignalLifecycleContract {

    @RegisterExtension
    static final PooledPostgresFixture DATABASE = new PooledPostgresFixture();

    @Override
    protected PortsFixture newFixture() {
        return DATABASE.newFixture();
    }

    @Override
    protected void changeSignals(Customer customer, CustomerSignals signals) {
        ((PostgresFixture) fixture).changeSignals(customer, signals);
    }
}
