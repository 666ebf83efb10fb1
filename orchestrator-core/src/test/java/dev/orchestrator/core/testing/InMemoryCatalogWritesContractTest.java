package dev.orchestrator.core.testing;

/** The in-memory fake honours the CatalogWrites contract. */
class InMemoryCatalogWritesContractTest extends CatalogWritesContract {
    @Override
    protected PortsFixture newFixture() {
        return new InMemoryPorts(new SequentialIds(1));
    }
}
