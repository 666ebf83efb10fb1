package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.orchestrator.testsupport.StatementRecorder;
import dev.orchestrator.testsupport.TenantPredicates;
import dev.orchestrator.testsupport.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one place that chooses the store the HTTP tests run on: the PostgreSQL adapter on a real
 * database (a fresh one per test class, see {@code @WithPostgres} on {@link ApiTestBase}). Tests only
 * see a {@link PortsFixture} and {@code World}s built on it.
 */
final class TestBackend implements AutoCloseable {


    private final TestDatabase database;
    private final StatementRecorder recorder;
    private final HikariDataSource pool;
    private final PortsFixture fixture;

    private TestBackend(TestDatabase database) {
        this.database = database;
        this.recorder = StatementRecorder.over(database.dataSource());
        this.pool = TestPools.pool(recorder);
        this.fixture = new PostgresFixture(pool);
    }

    static TestBackend on(TestDatabase database) {
        return new TestBackend(database);
    }

    PortsFixture fixture() {
        return fixture;
    }

    /** Every statement the adapters sent so far, in order (for tests that count a route's statements). */
    List<StatementRecorder.Recorded> statements() {
        return recorder.recorded();
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

    /**
     * Closes the pool, then fails the class if an adapter sent a statement on a tenant table that
     * does not name the organization (Citus-readiness, docs/scaling.md).
     */
    @Override
    public void close() {
        pool.close();
        Set<String> distributed = new TreeSet<>(TenantPredicates.tenantTables(database.dataSource()));
        distributed.removeAll(TenantPredicates.LOCAL_TABLES);
        Map<String, List<String>> violations = TenantPredicates.violations(recorder.recorded(), distributed,
                TenantPredicates.CROSS_ORGANIZATION);
        assertThat(violations).as("adapter statements on tenant tables without an organization_id predicate").isEmpty();
    }
}
