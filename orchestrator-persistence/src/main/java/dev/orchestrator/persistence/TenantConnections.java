package dev.orchestrator.persistence;

import dev.orchestrator.core.application.port.out.ReadTransactions;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.exception.DataAccessException;

/**
 * The one place where the {@link TenantScope} reaches the database: every connection taken from this
 * DataSource while a tenant is bound sets {@code orchestrator.organization_id} (and, while
 * authenticating, {@code orchestrator.caller_id}) with {@code set_config(..., true)}, i.e. for the
 * current transaction only, before its first statement. Nothing survives the transaction, so a pooled
 * connection carries nothing to its next borrower; a connection taken with nothing bound is handed out
 * untouched (and a role bound by row-level security then sees no tenant row).
 *
 * <p>A transaction-local setting needs a transaction: a connection the caller uses in auto-commit mode
 * (jOOQ's single statements) is really in one transaction from the setting to {@code close()}, which
 * commits it; jOOQ takes a connection per statement, so each statement still commits on its own. An
 * explicit transaction ({@code setAutoCommit(false)} … {@code commit()}) is the caller's, with the
 * setting applied again before the first statement after each commit or rollback. A statement
 * prepared before a commit and run again after it runs without the setting: it then sees nothing
 * (fails closed). Cost: one extra statement and one commit per connection use (docs/performance.md).
 *
 * <p>{@link #together}: while a use case's reads run together on a thread, every connection it takes
 * for the same tenant is one physical connection in one read-only transaction (one setting, one
 * BEGIN, one COMMIT for all of them), returned to the pool when the unit ends. A list page took seven
 * connections, seven transactions and 21 round trips for its statements before (docs/performance.md).
 */
final class TenantConnections implements DataSource, ReadTransactions {

    /** Both settings at once, in one round trip (pgjdbc sends the BEGIN with it). */
    static final String APPLY = "SELECT set_config('orchestrator.organization_id', ?, true),"
            + " set_config('orchestrator.caller_id', ?, true)";

    private final DataSource target;
    /** This thread's unit of reads on this DataSource, while one runs ({@link #together}). */
    private final ThreadLocal<Together> units = new ThreadLocal<>();

    private TenantConnections(DataSource target) {
        this.target = target;
    }

    /** {@code target}, made to carry the bound tenant into each transaction (idempotent). */
    static TenantConnections over(DataSource target) {
        return target instanceof TenantConnections tenants ? tenants : new TenantConnections(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Together unit = units.get();
        TenantScope.Tenant tenant = TenantScope.tenant();
        if (unit != null && tenant != null) {
            return unit.borrow(tenant);
        }
        return scoped(target.getConnection());
    }

    /**
     * Runs {@code reads} with every connection they take for the bound tenant shared: one read-only
     * transaction (a write inside fails), committed and returned to the pool at the end. Nested: joins.
     * Without a bound tenant, or for another tenant than the first, connections are taken as usual.
     */
    @Override
    public <T> T together(Supplier<T> reads) {
        if (units.get() != null) {
            return reads.get();
        }
        return inUnit(new Together(true), reads);
    }

    /**
     * Runs {@code work} (reads, then the write they lead to) with every connection it takes for the bound
     * tenant shared: one read-write transaction. The write's own transaction (jOOQ's
     * {@code transactionResult}) joins it: its commit commits the reads with it, its rollback rolls them
     * back (reads: nothing lost). Nested in a unit of its kind: joins; in a unit of reads: runs on its own,
     * the unit of reads resumed after it.
     */
    @Override
    public <T> T readsThenWrite(Supplier<T> work) {
        Together outer = units.get();
        if (outer != null && !outer.readOnly) {
            return work.get();
        }
        units.remove();
        try {
            return inUnit(new Together(false), work);
        } finally {
            if (outer != null) {
                units.set(outer);
            }
        }
    }

    private <T> T inUnit(Together unit, Supplier<T> work) {
        units.set(unit);
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            units.remove();
            try {
                unit.end();
            } catch (SQLException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        units.remove();
        try {
            unit.end();
        } catch (SQLException e) {
            throw new DataAccessException("could not end a unit of work: " + e.getMessage(), e);
        }
        return result;
    }

    /** One unit of reads (read-only) or of reads and their write: the shared connection, opened by its first use. */
    private final class Together {
        private final boolean readOnly;
        private Connection shared;
        private TenantScope.Tenant sharedTenant;

        Together(boolean readOnly) {
            this.readOnly = readOnly;
        }

        Connection borrow(TenantScope.Tenant tenant) throws SQLException {
            if (shared == null) {
                Connection physical = target.getConnection();
                try {
                    if (readOnly) {
                        // pgjdbc then begins the transaction READ ONLY, in the same round trip as its first statement
                        physical.setReadOnly(true);
                    }
                    shared = Scoped.open(physical, tenant);
                } catch (SQLException | RuntimeException e) {
                    try {
                        physical.close();
                    } catch (SQLException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                    throw e;
                }
                sharedTenant = tenant;
            } else if (!tenant.equals(sharedTenant)) {
                return scoped(target.getConnection());
            }
            return Borrowed.of(shared);
        }

        /**
         * Commits what is left open and returns the connection to the pool: reads only (a unit of reads, or
         * a unit of work whose write was committed or rolled back by its own transaction, or that wrote
         * nothing), so nothing is kept or lost by it.
         */
        void end() throws SQLException {
            if (shared != null) {
                Connection connection = shared;
                shared = null;
                connection.close();
            }
        }
    }

    /** The shared connection as one use sees it: closing it ends that use, not the unit's transaction. */
    private static final class Borrowed implements InvocationHandler {
        private final Connection shared;
        private boolean closed;

        private Borrowed(Connection shared) {
            this.shared = shared;
        }

        static Connection of(Connection shared) {
            return (Connection) Proxy.newProxyInstance(TenantConnections.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, new Borrowed(shared));
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    closed = true;
                    return null;
                }
                case "isClosed" -> {
                    return closed || shared.isClosed();
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "BorrowedTenantConnection[" + shared + "]";
                }
                default -> {
                    if (closed) {
                        throw new SQLException("this use of the shared connection is closed");
                    }
                }
            }
            try {
                return method.invoke(shared, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return scoped(target.getConnection(username, password));
    }

    private static Connection scoped(Connection connection) throws SQLException {
        TenantScope.Tenant tenant = TenantScope.tenant();
        if (tenant == null) {
            return connection;
        }
        try {
            return Scoped.open(connection, tenant);
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target.isWrapperFor(iface);
    }

    /** A connection whose every transaction starts with the tenant's settings. */
    private static final class Scoped implements InvocationHandler {
        private final Connection physical;
        private final TenantScope.Tenant tenant;
        /** Auto-commit as the caller sees it; physically the connection is always in a transaction. */
        private boolean autoCommit;
        /** Whether the open transaction has the settings. */
        private boolean applied;
        private boolean closed;

        private Scoped(Connection physical, TenantScope.Tenant tenant, boolean autoCommit) {
            this.physical = physical;
            this.tenant = tenant;
            this.autoCommit = autoCommit;
        }

        static Connection open(Connection physical, TenantScope.Tenant tenant) throws SQLException {
            Scoped scoped = new Scoped(physical, tenant, physical.getAutoCommit());
            physical.setAutoCommit(false);
            scoped.apply();
            return (Connection) Proxy.newProxyInstance(TenantConnections.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, scoped);
        }

        private void apply() throws SQLException {
            try (PreparedStatement set = physical.prepareStatement(APPLY)) {
                set.setString(1, text(tenant.organization()));
                set.setString(2, text(tenant.caller()));
                set.execute();
            }
            applied = true;
        }

        private static String text(UUID id) {
            return id == null ? "" : id.toString();
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            int arity = args == null ? 0 : args.length;
            switch (method.getName()) {
                case "getAutoCommit" -> {
                    return autoCommit;
                }
                case "setAutoCommit" -> {
                    boolean on = (Boolean) args[0];
                    if (on && !autoCommit) {
                        // JDBC: turning auto-commit on commits the transaction in progress
                        physical.commit();
                        applied = false;
                    }
                    autoCommit = on;
                    return null;
                }
                case "commit" -> {
                    physical.commit();
                    applied = false;
                    return null;
                }
                case "rollback" -> {
                    if (arity == 0) {
                        physical.rollback();
                        applied = false;
                        return null;
                    }
                }
                case "createStatement", "prepareStatement", "prepareCall" -> {
                    if (!applied && !closed) {
                        apply();
                    }
                }
                case "close" -> {
                    close();
                    return null;
                }
                case "isClosed" -> {
                    if (closed) {
                        return true;
                    }
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "TenantConnection[" + physical + "]";
                }
                default -> {
                    // passed through below
                }
            }
            try {
                return method.invoke(physical, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** Ends the transaction as the caller left it (auto-commit: commit; otherwise: roll back), then returns the connection. */
        private void close() throws SQLException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (autoCommit) {
                    physical.commit();
                } else {
                    physical.rollback();
                }
            } finally {
                physical.close();
            }
        }
    }
}
