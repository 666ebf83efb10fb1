package dev.orchestrator.core.testing;

/** The in-memory fake honours the PolicySimulation contract. */
class InMemoryPolicySimulationContractTest extends PolicySimulationContract {
    @Override
    protected PortsFixture newFixture() {
        return new InMemoryPorts(new SequentialIds(1));
    }
}
