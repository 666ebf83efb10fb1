package dev.orchestrator.http;

import dev.orchestrator.core.testing.InMemoryPorts;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.core.testing.SequentialIds;

/**
 * The one place that chooses the store the HTTP tests run on. Tests only see a {@link PortsFixture}
 * (and {@code World}s built on it), so that switching to the PostgreSQL adapter's fixture is this
 * one line.
 */
final class TestBackend {

    private TestBackend() {
    }

    static PortsFixture newFixture() {
        return new InMemoryPorts(new SequentialIds(0x4854));
    }
}
