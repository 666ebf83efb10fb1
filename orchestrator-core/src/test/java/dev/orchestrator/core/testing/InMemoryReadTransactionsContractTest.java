package dev.orchestrator.core.testing;

/** The in-memory fake honours the ReadTransactions contract. */
class InMemoryReadTransactionsContractTest extends ReadTransactionsContract {
    @Override
    protected PortsFixture newFixture() {
        return new InMemoryPorts(new SequentialIds(1));
    }
}
