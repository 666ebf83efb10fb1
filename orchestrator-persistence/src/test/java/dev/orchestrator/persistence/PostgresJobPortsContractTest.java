package dev.orchestrator.persistence;

import com.zaxxer.hikari.HikariDataSource;
import dev.orchestrator.core.application.port.out.JobLock;
import dev.orchestrator.core.application.port.out.JobRunLog;
import dev.orchestrator.core.testing.JobPortsContract;
import dev.orchestrator.persistence.testing.TestPools;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The PostgreSQL job history and advisory lock honour the core's job ports contract. */
@WithPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresJobPortsContractTest extends JobPortsContract {

    private HikariDataSource pool;
    private PostgresStore store;

    @BeforeAll
    void open(TestDatabase database) {
        pool = TestPools.pool(database.dataSource());
        store = PostgresStore.create(pool);
    }

    @AfterAll
    void close() {
        pool.close();
    }

    @Override
    protected JobRunLog runs() {
        return store.jobRuns();
    }

    @Override
    protected JobLock lock() {
        return store.jobLock();
    }
}
