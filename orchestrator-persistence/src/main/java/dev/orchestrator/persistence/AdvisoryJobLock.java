package dev.orchestrator.persistence;

import dev.orchestrator.core.application.port.out.JobLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The job lock as a PostgreSQL transaction-level advisory lock, held by a transaction kept open on a
 * connection of its own for the whole run. PostgreSQL releases it when that transaction ends (rolled
 * back on release) or its session dies, so a killed instance cannot keep it: the next run elsewhere
 * gets it as soon as the server notices the dead connection. Transaction-level rather than
 * session-level so that it also holds through PgBouncer's transaction pooling, which pins a server
 * connection to a client only for the length of a transaction (docs/scaling.md); the transaction
 * takes no other lock and writes nothing, so holding it open blocks nobody. Keys are
 * ({@value #NAMESPACE}, the job name's {@code String.hashCode()}), the two-int form, so that they cannot
 * collide with single-key advisory locks other code might take.
 */
final class AdvisoryJobLock implements JobLock {

    /** "ORCH" in ASCII: the first key of every job lock. */
    static final int NAMESPACE = 0x4F52_4348;

    private final DataSource dataSource;

    AdvisoryJobLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Held> tryLock(String job) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            if (!call(connection, "SELECT pg_try_advisory_xact_lock(?, ?)", job)) {
                connection.rollback();
                connection.close();
                return Optional.empty();
            }
            return Optional.of(new AdvisoryHeld(connection, job));
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("cannot take the lock of job " + job + ": " + e.getMessage(), e);
        }
    }

    private static boolean call(Connection connection, String statement, String job) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(statement)) {
            s.setInt(1, NAMESPACE);
            s.setInt(2, job.hashCode());
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing more to do
            }
        }
    }

    private static final class AdvisoryHeld implements Held {
        private final Connection connection;
        private final String job;
        private boolean released;

        AdvisoryHeld(Connection connection, String job) {
            this.connection = connection;
            this.job = job;
        }

        @Override
        public synchronized void close() {
            if (released) {
                return;
            }
            released = true;
            try {
                connection.rollback(); // ends the transaction, and with it the lock
                connection.setAutoCommit(true);
                connection.close();
            } catch (SQLException e) {
                // The session may be broken; ending it releases the lock for sure.
                try {
                    connection.abort(Runnable::run);
                } catch (SQLException ignored) {
                    closeQuietly(connection);
                }
            }
        }
    }
}
