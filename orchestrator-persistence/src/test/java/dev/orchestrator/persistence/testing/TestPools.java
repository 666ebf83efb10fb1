package dev.orchestrator.persistence.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/** A small connection pool over a test database's DataSource, for fast seeding. Close it after the class. */
public final class TestPools {

    private TestPools() {
    }

    /**
     * Pools connections of {@code target}. Commits do not wait for the disk
     * ({@code synchronous_commit = off}): a crash loses test data only, and seeding thousands of rows
     * one statement at a time gets several times faster.
     */
    public static HikariDataSource pool(DataSource target) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(target);
        config.setPoolName("orchestrator-test");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        config.setConnectionInitSql("SET synchronous_commit = off");
        return new HikariDataSource(config);
    }
}
