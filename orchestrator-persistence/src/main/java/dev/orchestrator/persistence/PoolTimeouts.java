package dev.orchestrator.persistence;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the service waits for its database before giving up, so that a database that is down,
 * unreachable or frozen makes a call fail in seconds instead of hanging:
 *
 * @param connection how long to wait for a pooled connection (HikariCP {@code connectionTimeout}); also
 *                   the TCP connect and login timeouts of a new connection
 * @param statement  how long one statement may run (PostgreSQL {@code statement_timeout}, enforced by the server)
 * @param socket     how long the driver waits for any answer on an open connection ({@code socketTimeout}):
 *                   the bound when the server itself is frozen or the network drops packets; larger
 *                   than {@code statement}, whole seconds
 */
public record PoolTimeouts(Duration connection, Duration statement, Duration socket) {

    /** For the HTTP API: 3 s for a connection, 3 s per statement, 4 s for any answer. */
    public static final PoolTimeouts SERVICE =
            new PoolTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(4));

    public PoolTimeouts {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(socket, "socket");
        if (connection.toMillis() < 250) {
            throw new IllegalArgumentException("the connection timeout must be at least 250 ms, got " + connection);
        }
        if (statement.toMillis() < 1) {
            throw new IllegalArgumentException("the statement timeout must be positive, got " + statement);
        }
        if (socket.toSeconds() < 1) {
            throw new IllegalArgumentException("the socket timeout must be at least 1 s, got " + socket);
        }
    }

    /** The statement timeout, and a socket timeout one second (rounded up) longer. */
    public static PoolTimeouts of(Duration connection, Duration statement) {
        long socketSeconds = (statement.toMillis() + 999) / 1000 + 1;
        return new PoolTimeouts(connection, statement, Duration.ofSeconds(socketSeconds));
    }
}
