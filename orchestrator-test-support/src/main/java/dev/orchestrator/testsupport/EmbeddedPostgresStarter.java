package dev.orchestrator.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts a throwaway PostgreSQL from the binaries in the zonky jars (no install, no Docker).
 * As root, zonky runs it inside {@code unshare -U} because initdb refuses to run as root; where
 * user namespaces are blocked that fails within a second and we report it instead.
 */
final class EmbeddedPostgresStarter {

    private EmbeddedPostgresStarter() {}

    /** Starts one; throws with zonky's reason if it cannot. */
    static PostgresServer start() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                // We stop it ourselves, after dropping our databases: JVM shutdown hooks run
                // concurrently, so zonky's own hook could stop it under our feet.
                .setRegisterShutdownHook(false)
                .start();
        return new PostgresServer("embedded", "localhost", postgres.getPort(), "postgres", null, "postgres", postgres);
    }
}
