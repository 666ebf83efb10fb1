package dev.orchestrator.core.testing;

/** The in-memory fake honours the AnalyticsReads contract. */
class InMemoryAnalyticsReadsContractTest extends AnalyticsReadsContract {
    @Override
    protected PortsFixture newFixture() {
        return new InMemoryPorts(new SequentialIds(1));
    }
}
