package dev.orchestrator.core.testing;

/** The in-memory fake honours the RebalanceReads contract. */
class InMemoryRebalanceReadsContractTest extends RebalanceReadsContract {
    @Override
    protected PortsFixture newFixture() {
        return new InMemoryPorts(new SequentialIds(1));
    }
}
