package dev.orchestrator.core.testing;

/** The in-memory fake honours the ExecutionViews contract, so use-case tests on it mean something. */
class InMemoryExecutionViewsContractTest extends ExecutionViewsContract {
    @Override
    protected PortsFixture newFixture() {
        return new InMemoryPorts(new SequentialIds(1));
    }
}
