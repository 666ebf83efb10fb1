package dev.orchestrator.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Objects;

/**
 * A HikariCP pool sized for a small machine. The service's work is short statements, so a handful
 * of connections saturates a 2-core database long before the pool does; more connections would
 * only add contention.
 */
public final class ConnectionPool {

    /** Connections at most. */
    public static final int MAXIMUM_POOL_SIZE = 10;
    /** The pool's name, as it appears in logs and JMX. */
    public static final String POOL_NAME = "orchestrator-db";

    private ConnectionPool() {
    }

    /**
     * A pool on {@code jdbcUrl}. {@code user} and {@code password} may be null when the URL carries
     * them (or the server needs none). Nothing secret is logged by this class; HikariCP masks the
     * password in its own configuration dump.
     */
    public static HikariDataSource create(String jdbcUrl, String user, String password) {
        return new HikariDataSource(config(jdbcUrl, user, password));
    }

    /**
     * A pool whose calls give up within the {@code timeouts} when the database is down, unreachable
     * or frozen (the driver then throws SQL exceptions of class 08 or 57014, and HikariCP
     * {@code SQLTransientConnectionException}); broken connections are evicted, so the pool recovers
     * by itself when the database returns. For the service's short statements, not for batch jobs
     * or migrations. Named {@code poolName} in logs and metrics.
     */
    public static HikariDataSource create(String jdbcUrl, String user, String password, PoolTimeouts timeouts,
            String poolName) {
        HikariConfig config = config(jdbcUrl, user, password);
        config.setPoolName(Objects.requireNonNull(poolName, "poolName"));
        config.setConnectionTimeout(timeouts.connection().toMillis());
        // below the connection timeout, so a dead pooled connection is found and replaced in time
        config.setValidationTimeout(Math.max(250, Math.min(1_000, timeouts.connection().toMillis() / 2)));
        long connectSeconds = Math.max(1, timeouts.connection().toSeconds());
        config.addDataSourceProperty("connectTimeout", String.valueOf(connectSeconds));
        config.addDataSourceProperty("loginTimeout", String.valueOf(connectSeconds));
        config.addDataSourceProperty("socketTimeout", String.valueOf(timeouts.socket().toSeconds()));
        // A SET when each connection opens, not the startup parameter "options": PgBouncer (1.18, Debian's)
        // refuses startup parameters it does not know, so "options" would keep the service from
        // connecting through it at all (docs/scaling.md says how PgBouncer's own connections get it).
        config.setConnectionInitSql("SET statement_timeout = " + timeouts.statement().toMillis());
        return new HikariDataSource(config);
    }

    private static HikariConfig config(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName(POOL_NAME);
        config.setMaximumPoolSize(MAXIMUM_POOL_SIZE);
        config.setMinimumIdle(2);
        // Fail fast when the database is down (health checks, CLI) rather than hanging 30 s.
        config.setConnectionTimeout(3_000);
        // Connect lazily: a CLI command that fails on its arguments should not need the database.
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("ApplicationName", "orchestrator");
        return config;
    }
}
