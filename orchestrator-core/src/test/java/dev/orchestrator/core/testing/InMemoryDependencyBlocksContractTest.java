package dev.orchestrator.core.testing;

/** The in-memory fake honours the DependencyBlocks contract (and leaves blocked work out of its queue). */
class InMemoryDependencyBlocksContractTest extends DependencyBlocksContract {
    @Override
    protected PortsFixture newFixture() {
        return new InMemoryPorts(new SequentialIds(1));
    }
}
