package dev.orchestrator.core.testing;

/** The in-memory fake honours the PriorityRecomputation contract, so use-case tests on it mean something. */
class InMemoryPriorityRecomputationContractTest extends PriorityRecomputationContract {
    @Override
    protected PortsFixture newFixture() {
        return new InMemoryPorts(new SequentialIds(1));
    }
}
