package dev.orchestrator.core.testing;

/** The in-memory fake honours the SignalInterpretation contract, so use-case tests on it mean something. */
class InMemorySignalInterpretationContractTest extends SignalInterpretationContract {
    @Override
    protected PortsFixture newFixture() {
        return new InMemoryPorts(new SequentialIds(1));
    }
}
