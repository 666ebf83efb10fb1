package dev.orchestrator.http;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;

/**
 * Tells a store that does not answer (down, unreachable, frozen past its timeouts, restarting) from a
 * bug: the former is a 503 with {@code Retry-After}, which clients and load balancers retry; only the
 * latter is a 500. Recognised from the JDBC exception anywhere in the cause chain (the adapter's
 * own exceptions wrap it), by class (transient, recoverable) or SQLSTATE: class 08 (connection
 * exception), 57014 (statement timeout), 57P01-57P03 (shutdown, crash, cannot connect now), 53300
 * (too many connections). JDK types only: this adapter does not know which store is behind the ports.
 */
final class DatabaseFaults {

    /** Seconds a client is asked to wait before retrying. */
    static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseFaults() {
    }

    /** The JDBC fault that makes {@code failure} an outage, if it is one. */
    static Optional<SQLException> unavailability(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (isUnavailable(e)) {
                        return Optional.of(e);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isUnavailable(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57014") || state.startsWith("57P")
                || state.equals("53300"));
    }

    static ApiProblem problem() {
        return ApiProblem.unavailable("the database does not answer in time; retry in " + RETRY_AFTER_SECONDS
                + " seconds", RETRY_AFTER_SECONDS);
    }
}
