package dev.orchestrator.testsupport;

import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Starts PostgreSQL in a container when a Docker engine is reachable. Kept in its own class so
 * Testcontainers is only loaded when the chooser gets this far.
 */
final class TestcontainersPostgresStarter {

    static final String IMAGE = "postgres:15-alpine";

    private TestcontainersPostgresStarter() {}

    /** Answers within about a second when there is no Docker engine. */
    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static Optional<PostgresServer> startIfDockerAvailable() {
        if (!dockerAvailable()) {
            return Optional.empty();
        }
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
        container.start();
        return Optional.of(new PostgresServer("testcontainers", container.getHost(),
                container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
                container.getUsername(), container.getPassword(), container.getDatabaseName(), container::stop));
    }
}
