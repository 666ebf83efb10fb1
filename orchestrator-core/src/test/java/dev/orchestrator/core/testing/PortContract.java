package dev.orchestrator.core.testing;

import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the port contract tests. Each concrete test class (one per implementation) supplies a
 * fresh fixture; every test starts with a new {@link World} in it.
 */
public abstract class PortContract {

    protected PortsFixture fixture;
    protected World world;

    /** A store to test, ready for data. It may hold other tests' organizations: tests must not care. */
    protected abstract PortsFixture newFixture();

    @BeforeEach
    void setUpWorld() {
        fixture = newFixture();
        world = new World(fixture);
    }
}
