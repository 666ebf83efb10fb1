package dev.orchestrator.core.testing;

/** The in-memory fake honours the PoolAssignment contract. */
class InMemoryPoolAssignmentContractTest extends PoolAssignmentContract {
    @Override
    protected PortsFixture newFixture() {
        return new InMemoryPorts(new SequentialIds(1));
    }
}
