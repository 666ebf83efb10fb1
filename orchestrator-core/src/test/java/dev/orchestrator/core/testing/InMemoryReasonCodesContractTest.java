package dev.orchestrator.core.testing;

/** The in-memory fake honours the ReasonCodes contract. */
class InMemoryReasonCodesContractTest extends ReasonCodesContract {
    @Override
    protected PortsFixture newFixture() {
        return new InMemoryPorts(new SequentialIds(1));
    }
}
