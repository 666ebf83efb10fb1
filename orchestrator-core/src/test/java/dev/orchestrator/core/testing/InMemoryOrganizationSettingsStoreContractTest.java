package dev.orchestrator.core.testing;

/** The in-memory fake honours the OrganizationSettingsStore contract. */
class InMemoryOrganizationSettingsStoreContractTest extends OrganizationSettingsStoreContract {
    @Override
    protected PortsFixture newFixture() {
        return new InMemoryPorts(new SequentialIds(1));
    }
}
