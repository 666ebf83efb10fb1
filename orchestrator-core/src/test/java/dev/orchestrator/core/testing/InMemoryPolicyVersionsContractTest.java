package dev.orchestrator.core.testing;

/** The in-memory fake honours the PolicyVersions contract. */
class InMemoryPolicyVersionsContractTest extends PolicyVersionsContract {
    @Override
    protected PortsFixture newFixture() {
        return new InMemoryPorts(new SequentialIds(1));
    }
}
