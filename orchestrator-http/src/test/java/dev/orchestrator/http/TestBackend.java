package dev.orchestrator.http;

import com.zaxxer.hikari.HikariDataSource;
import dev.orchestrator.core.application.Jobs;
import dev.orchestrator.core.application.Orchestrator;
import dev.orchestrator.core.application.port.in.RunDailyJob;
import dev.orchestrator.core.application.port.out.JobCalendar;
import dev.orchestrator.core.testing.InMemoryJobs;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.persistence.PostgresStore;
import dev.orchestrator.persistence.testing.PostgresFixture;
import dev.orchestrator.persistence.testing.TestPools;
import dev.orchestrator.testsupport.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The one place that chooses the store the HTTP tests run on: the PostgreSQL adapter on a real
 * database (a fresh one per test class, see {@code @WithPostgres} on {@link ApiTestBase}). Tests only
 * see a {@link PortsFixture} and {@code World}s built on it.
 */
final class TestBackend implements AutoCloseable {

    private final HikariDataSource pool;
    private final PortsFixture fixture;

    private TestBackend(HikariDataSource pool) {
        this.pool = pool;
        this.fixture = new PostgresFixture(pool);
    }

    static TestBackend on(TestDatabase database) {
        return new TestBackend(TestPools.pool(database.dataSource()));
    }

    PortsFixture fixture() {
        return fixture;
    }

    /** The jobs on this database (history and lock in PostgreSQL), with the daily job planned at {@link #NEXT_DAILY}. */
    Jobs jobs(Orchestrator orchestrator, Clock clock) {
        PostgresStore store = PostgresStore.create(pool);
        InMemoryJobs calendar = new InMemoryJobs();
        calendar.plan(RunDailyJob.NAME, new JobCalendar.Planned("daily at 00:05 UTC", Optional.of(NEXT_DAILY)));
        return new Jobs(orchestrator, new Jobs.Ports(store.jobRuns(), store.jobLock(), calendar, store.ports().ids()),
                clock);
    }

    static final Instant NEXT_DAILY = Instant.parse("2026-03-03T00:05:00Z");

    @Override
    public void close() {
        pool.close();
    }
}
