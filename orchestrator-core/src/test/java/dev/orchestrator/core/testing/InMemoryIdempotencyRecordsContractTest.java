package dev.orchestrator.core.testing;

/** The in-memory fake honours the IdempotencyRecords contract. */
class InMemoryIdempotencyRecordsContractTest extends IdempotencyRecordsContract {
    @Override
    protected PortsFixture newFixture() {
        return new InMemoryPorts(new SequentialIds(1));
    }
}
