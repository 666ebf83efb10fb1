package dev.orchestrator.core.testing;

/** The in-memory fake honours the Lookup contract, so use-case tests on it mean something. */
class InMemoryLookupContractTest extends LookupContract {
    @Override
    protected PortsFixture newFixture() {
        return new InMemoryPorts(new SequentialIds(1));
    }
}
