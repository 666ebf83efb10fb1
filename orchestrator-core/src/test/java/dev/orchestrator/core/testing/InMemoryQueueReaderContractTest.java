package dev.orchestrator.core.testing;

/** The in-memory fake honours the QueueReader contract, so use-case tests on it mean something. */
class InMemoryQueueReaderContractTest extends QueueReaderContract {
    @Override
    protected PortsFixture newFixture() {
        return new InMemoryPorts(new SequentialIds(1));
    }
}
