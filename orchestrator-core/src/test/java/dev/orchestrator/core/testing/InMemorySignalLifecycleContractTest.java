package dev.orchestrator.core.testing;

import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.signals.CustomerSignals;

/** The in-memory fake honours the SignalLifecycle contract, so daily-job tests on it mean something. */
class InMemorySignalLifecycleContractTest extends SignalLifecycleContract {

    @Override
    protected PortsFixture newFixture() {
        return new InMemoryPorts(new SequentialIds(1));
    }

    @Override
    protected void changeSignals(Customer customer, CustomerSignals signals) {
        ((InMemoryPorts) fixture).changeSignals(customer, signals);
    }
}
