package dev.orchestrator.persistence;


import dev.orchestrator.core.application.port.out.JobLock;
import dev.orchestrator.core.application.port.out.JobRunLog;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.core.testing.ScoreAgreementContract;
import dev.orchestrator.persistence.testing.PooledPostgresFixture;
import dev.orchestrator.persistence.testing.PostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Score agreement on PostgreSQL: the set-based SQL of interpretation and recompute, the adapters' reads and
 * the Java evaluator behind the queue's explanations must agree on random histories.
 */
class PostgresScoreAgreementContractTest extends ScoreAgreementContract {

    @RegisterExtension
    static final PooledPostgresFixture DATABASE = new PooledPostgresFixture();

    private PostgresStore store;

    @Override
    protected PortsFixture newFixture() {
        PostgresFixture fixture = (PostgresFixture) DATABASE.newFixture();
        store = PostgresStore.create(fixture.dataSource());
        return fixture;
    }

    @Override
    protected void changeSignals(Customer customer, CustomerSignals signals) {
        ((PostgresFixture) fixture).changeSignals(customer, signals);
    }

    @Override
    protected JobRunLog jobRuns() {
        return store.jobRuns();
    }

    @Override
    protected JobLock jobLock() {
        return store.jobLock();
    }
}
