package dev.orchestrator.persistence;

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
import javax.sql.DataSource;

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
 */
final class TenantConnections implements DataSource {

    /** Both settings at once, in one round trip (pgjdbc sends the BEGIN with it). */
    static final String APPLY = "SELECT set_config('orchestrator.organization_id', ?, true),"
            + " set_config('orchestrator.caller_id', ?, true)";

    private final DataSource target;

    private TenantConnections(DataSource target) {
        this.target = target;
    }

    /** {@code target}, made to carry the bound tenant into each transaction (idempotent). */
    static DataSource over(DataSource target) {
        return target instanceof TenantConnections ? target : new TenantConnections(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return scoped(target.getConnection());
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
