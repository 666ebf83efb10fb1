package dev.orchestrator.core.testing;

/** The in-memory fake honours the CatalogLoader contract. */
class InMemoryCatalogLoaderContractTest extends CatalogLoaderContract {
    @Override
    protected PortsFixture newFixture() {
        return new InMemoryPorts(new SequentialIds(1));
    }
}
