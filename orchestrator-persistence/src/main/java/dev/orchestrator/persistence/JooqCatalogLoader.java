package dev.orchestrator.persistence;

import dev.orchestrator.core.application.port.out.CatalogLoader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The catalog loader on PostgreSQL: one connection and one transaction per session, every
 * statement a batched upsert written with the generated jOOQ tables ({@link CatalogLoadSession}).
 */
final class JooqCatalogLoader implements CatalogLoader {

    private final DataSource dataSource;
    private final Settings settings;

    JooqCatalogLoader(DataSource dataSource, Settings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    @Override
    public CatalogLoadSession begin(Instant now) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new DataAccessException("cannot open a connection for the load: " + e.getMessage(), e);
        }
        try {
            connection.setAutoCommit(false);
            var sql = DSL.using(connection, SQLDialect.POSTGRES, settings);
            // Tables grow inside this one transaction. A generic plan cached early (notably the
            // foreign-key checks' own queries, planned when the parent table was small) would keep
            // scanning whole tables; custom plans see each statement's real parameters.
            sql.execute("SET LOCAL plan_cache_mode = force_custom_plan");
            return new CatalogLoadSession(connection, sql, now);
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already failing
            }
            throw e instanceof RuntimeException r ? r : new DataAccessException(e.getMessage(), (SQLException) e);
        }
    }
}
