package dev.orchestrator.persistence.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.orchestrator.core.application.OutboundPorts;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.persistence.PostgresStore;
import dev.orchestrator.testsupport.PostgresExtension;
import dev.orchestrator.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@link PostgresFixture}s whose data is seeded as the owner but whose ports connect as the service
 * role, bound by row-level security, each call bound to the organization it is about
 * ({@link BoundPorts}): a port contract on it shows the adapters work as the service runs them.
 */
public final class ServiceRolePostgresFixture implements BeforeAllCallback, AfterAllCallback {

    private HikariDataSource owner;
    private HikariDataSource service;

    @Override
    public void beforeAll(ExtensionContext context) {
        TestDatabase db = PostgresExtension.classDatabase(context);
        owner = TestPools.pool(db.dataSource());
        service = TestPools.pool(db.serviceDataSource());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        service.close();
        owner.close();
    }

    public PortsFixture newFixture() {
        OutboundPorts ports = BoundPorts.of(PostgresStore.create(service).ports());
        return new PostgresFixture(owner) {
            @Override
            public OutboundPorts ports() {
                return ports;
            }
        };
    }
}
