package dev.orchestrator.testsupport;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource that remembers every SQL text the code above it sends (prepared, called, executed or
 * batched), with the adapter method that sent it: the first frame of a product class in
 * {@value #ADAPTERS}, outside its {@code testing} package. Statements sent from nowhere in the adapters
 * (test fixtures' own SQL) are not recorded. {@code COPY} through the driver's CopyManager is not seen.
 */
public final class StatementRecorder implements DataSource {

    /** Where the product's SQL comes from. */
    static final String ADAPTERS = "dev.orchestrator.persistence.";

    /** One statement and the adapter method ({@code Class#method}) that sent it. */
    public record Recorded(String sql, String sender) {}

    private final DataSource target;
    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();

    private StatementRecorder(DataSource target) {
        this.target = target;
    }

    public static StatementRecorder over(DataSource target) {
        return new StatementRecorder(target);
    }

    /** What was recorded so far, in order. */
    public List<Recorded> recorded() {
        return List.copyOf(recorded);
    }

    private void record(String sql) {
        sender().ifPresent(sender -> recorded.add(new Recorded(sql, sender)));
    }

    /**
     * The adapter method ({@code Class#method}) on the current thread's stack that is sending a statement;
     * empty for a test fixture's own SQL or SQL sent from outside the adapters.
     */
    static Optional<String> sender() {
        for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
            String type = frame.getClassName();
            if (type.startsWith(ADAPTERS + "testing.")) {
                return Optional.empty(); // a fixture seeding or checking data, not a product path
            }
            if (type.startsWith(ADAPTERS + "TenantConnections") || type.startsWith(ADAPTERS + "RenderedOnce")) {
                // the proxy that carries the tenant, or the runner of kept statements: the adapter that
                // called it is further down
                continue;
            }
            if (type.startsWith(ADAPTERS)) {
                int nested = type.indexOf('$');
                String outer = type.substring(ADAPTERS.length(), nested < 0 ? type.length() : nested);
                return Optional.of(outer + "#" + enclosingMethod(frame.getMethodName()));
            }
        }
        return Optional.empty();
    }

    /** A lambda's frame ({@code lambda$interpret$1}) as the method it is written in ({@code interpret}). */
    static String enclosingMethod(String method) {
        if (!method.startsWith("lambda$")) {
            return method;
        }
        int end = method.indexOf('$', "lambda$".length());
        return end < 0 ? method : method.substring("lambda$".length(), end);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return recording(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return recording(target.getConnection(username, password));
    }

    private Connection recording(Connection connection) {
        return (Connection) Proxy.newProxyInstance(StatementRecorder.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Recording(connection));
    }

    private final class Recording implements InvocationHandler {
        private final Object target;

        Recording(Object target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (args != null && args.length > 0 && args[0] instanceof String sql
                    && (name.startsWith("prepare") || name.startsWith("execute") || name.equals("addBatch"))) {
                record(sql);
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (name.equals("createStatement") && result instanceof Statement statement) {
                return Proxy.newProxyInstance(StatementRecorder.class.getClassLoader(),
                        new Class<?>[] {Statement.class}, new Recording(statement));
            }
            return result;
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
}
