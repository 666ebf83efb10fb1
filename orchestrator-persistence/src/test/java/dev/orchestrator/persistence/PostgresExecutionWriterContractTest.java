package dev.orchestrator.persistence;

import com.zaxxer.hikari.HikariDataSource;
import dev.orchestrator.core.testing.ExecutionWriterContract;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.persistence.testing.PostgresFixture;
import dev.orchestrator.persistence.testing.TestPools;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The PostgreSQL adapters honour the core's ExecutionWriter contract. */
@WithPostgres
class PostgresExecutionWriterContractTest extends ExecutionWriterContract {

    private static HikariDataSource pool;

    @BeforeAll
    static void openPool(TestDatabase db) {
        pool = TestPools.pool(db.dataSource());
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Override
    protected PortsFixture newFixture() {
        return new PostgresFixture(pool);
    }
}
