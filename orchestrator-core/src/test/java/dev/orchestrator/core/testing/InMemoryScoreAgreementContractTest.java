package dev.orchestrator.core.testing;

import dev.orchestrator.core.application.port.out.JobLock;
import dev.orchestrator.core.application.port.out.JobRunLog;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.signals.CustomerSignals;

/** Score agreement on the in-memory ports (the reference). */
class InMemoryScoreAgreementContractTest extends ScoreAgreementContract {

    private final InMemoryJobs jobs = new InMemoryJobs();

    @Override
    protected PortsFixture newFixture() {
        return new InMemoryPorts(new SequentialIds(3));
    }

    @Override
    protected void changeSignals(Customer customer, CustomerSignals signals) {
        ((InMemoryPorts) fixture).changeSignals(customer, signals);
    }

    @Override
    protected JobRunLog jobRuns() {
        return jobs;
    }

    @Override
    protected JobLock jobLock() {
        return jobs;
    }
}
