package dev.orchestrator.core.testing;

/** The in-memory fake honours the ExecutionWriter contract, so use-case tests on it mean something. */
class InMemoryExecutionWriterContractTest extends ExecutionWriterContract {
    @Override
    protected PortsFixture newFixture() {
        return new InMemoryPorts(new SequentialIds(1));
    }
}
