package dev.orchestrator.core.testing;

/** The in-memory fake honours the TeamViews contract. */
class InMemoryTeamViewsContractTest extends TeamViewsContract {
    @Override
    protected PortsFixture newFixture() {
        return new InMemoryPorts(new SequentialIds(1));
    }
}
