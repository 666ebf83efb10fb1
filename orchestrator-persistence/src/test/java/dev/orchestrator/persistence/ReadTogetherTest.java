package dev.orchestrator.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.orchestrator.core.application.OutboundPorts;
import dev.orchestrator.core.domain.escalation.OrganizationSettings;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.views.ExecutionFilter;
import dev.orchestrator.core.domain.views.Visibility;
import dev.orchestrator.persistence.SchemaFixtures.Tenant;
import dev.orchestrator.testsupport.StatementRecorder;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.util.List;
import java.util.Set;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code ReadTransactions.together} buys on PostgreSQL, as the service runs it (the service role,
 * row-level security, the caller's organization bound): the reads of a unit share one connection and one
 * transaction (one tenant setting instead of one per read), that transaction is read-only, the binding's
 * organization is all it sees, and a unit that fails gives its connection back.
 */
@WithPostgres
class ReadTogetherTest {

    private static HikariDataSource pool;
    private static StatementRecorder recorder;
    private static OutboundPorts ports;
    private static Tenant a;
    private static Tenant b;

    @BeforeAll
    static void setUp(TestDatabase db) {
        SchemaFixtures owner = new SchemaFixtures(db.dataSource());
        a = owner.tenant();
        b = owner.tenant();
        for (ExecutionStatus status : List.of(ExecutionStatus.NOT_STARTED, ExecutionStatus.COMPLETED,
                ExecutionStatus.COMPLETED)) {
            owner.execution(a, status); // one open at most per customer and definition
        }
        owner.execution(b, ExecutionStatus.NOT_STARTED);
        recorder = StatementRecorder.over(db.serviceDataSource());
        HikariConfig config = new HikariConfig();
        config.setDataSource(recorder);
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(2_000);
        pool = new HikariDataSource(config);
        ports = PostgresStore.create(pool).ports();
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    private static OrganizationId org(Tenant tenant) {
        return OrganizationId.of(tenant.organizationId());
    }

    private static List<Object> threeReads(Tenant tenant) {
        Visibility own = new Visibility.AssignedTo(Set.of(ProfileId.of(tenant.csmId())));
        return List.of(ports.profiles().findProfile(org(tenant), ProfileId.of(tenant.csmId())).isPresent(),
                ports.settings().settings(org(tenant)),
                ports.views().countUpTo(org(tenant), own, ExecutionFilter.NONE, PriorityPolicy.STANDARD.labels(), 1_001));
    }

    private static long tenantSettings(int from) {
        return recorder.recorded().subList(from, recorder.recorded().size()).stream()
                .filter(r -> r.sql().equals(TenantConnections.APPLY)).count();
    }

    @Test
    void theReadsOfAUnitShareOneTransactionAndOneTenantSetting() {
        try (TenantScope.Binding ignored = TenantScope.bind(org(a))) {
            int before = recorder.recorded().size();
            List<Object> alone = threeReads(a);
            assertThat(tenantSettings(before)).as("one transaction per read").isEqualTo(3);
            before = recorder.recorded().size();
            List<Object> together = ports.reads().together(() -> threeReads(a));
            assertThat(tenantSettings(before)).as("one transaction for the unit").isEqualTo(1);
            assertThat(together).isEqualTo(alone).containsExactly(true, OrganizationSettings.DEFAULTS, 3L);
        }
    }

    @Test
    void aUnitSeesOnlyTheBoundOrganization() {
        try (TenantScope.Binding ignored = TenantScope.bind(org(a))) {
            List<Object> seen = ports.reads().together(() -> List.of(
                    ports.profiles().findProfile(org(b), ProfileId.of(b.csmId())).isPresent(),
                    ports.profiles().findProfile(org(a), ProfileId.of(a.csmId())).isPresent()));
            assertThat(seen).containsExactly(false, true);
        }
    }

    @Test
    void aWriteInsideAUnitIsRefusedAndChangesNothing() {
        try (TenantScope.Binding ignored = TenantScope.bind(org(a))) {
            assertThatThrownBy(() -> ports.reads().together(() -> {
                ports.settings().saveSettings(org(a), new OrganizationSettings(7));
                return null;
            })).isInstanceOf(DataAccessException.class).hasMessageContaining("read-only");
            assertThat(ports.settings().settings(org(a))).isEqualTo(OrganizationSettings.DEFAULTS);
        }
    }

    @Test
    void failedUnitsGiveTheirConnectionBack() {
        try (TenantScope.Binding ignored = TenantScope.bind(org(a))) {
            for (int i = 0; i < 10; i++) {
                assertThatThrownBy(() -> ports.reads().together(() -> {
                    threeReads(a);
                    throw new IllegalStateException("failed after reading");
                })).hasMessage("failed after reading");
            }
            // a pool of two would be exhausted by now (a 2 s timeout) if a unit kept its connection
            assertThat(ports.reads().together(() -> threeReads(a))).containsExactly(true,
                    OrganizationSettings.DEFAULTS, 3L);
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        }
    }
    @Test
    void aUnitOfWorkRunsItsReadsAndItsWriteInOneTransaction() {
        try (TenantScope.Binding ignored = TenantScope.bind(org(b))) {
            int before = recorder.recorded().size();
            OrganizationSettings read = ports.reads().readsThenWrite(() -> {
                threeReads(b);
                ports.settings().saveSettings(org(b), new OrganizationSettings(9));
                return ports.settings().settings(org(b));
            });
            assertThat(tenantSettings(before)).as("one transaction for the reads and the write").isEqualTo(1);
            assertThat(read).isEqualTo(new OrganizationSettings(9));
            // committed: another transaction sees it
            assertThat(ports.settings().settings(org(b))).isEqualTo(new OrganizationSettings(9));
            ports.settings().saveSettings(org(b), OrganizationSettings.DEFAULTS);
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        }
    }

    @Test
    void aUnitOfWorkInsideAUnitOfReadsRunsOnItsOwn() {
        try (TenantScope.Binding ignored = TenantScope.bind(org(b))) {
            List<Object> seen = ports.reads().together(() -> List.of(
                    ports.settings().settings(org(b)),
                    ports.reads().readsThenWrite(() -> {
                        ports.settings().saveSettings(org(b), new OrganizationSettings(8));
                        return ports.settings().settings(org(b));
                    }),
                    ports.settings().settings(org(b))));
            // the write was not refused as a write inside the read-only unit; the unit went on after it
            assertThat(seen.get(1)).isEqualTo(new OrganizationSettings(8));
            assertThat(ports.settings().settings(org(b))).isEqualTo(new OrganizationSettings(8));
            ports.settings().saveSettings(org(b), OrganizationSettings.DEFAULTS);
        }
    }

    @Test
    void failedUnitsOfWorkGiveTheirConnectionBack() {
        try (TenantScope.Binding ignored = TenantScope.bind(org(a))) {
            for (int i = 0; i < 10; i++) {
                assertThatThrownBy(() -> ports.reads().readsThenWrite(() -> {
                    threeReads(a);
                    throw new IllegalStateException("failed after reading");
                })).hasMessage("failed after reading");
            }
            assertThat(ports.reads().readsThenWrite(() -> threeReads(a))).containsExactly(true,
                    OrganizationSettings.DEFAULTS, 3L);
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        }
    }
    @Test
    void aQueueReadAndATransitionAreOneTransactionEach() {
        var orchestrator = new dev.orchestrator.core.application.Orchestrator(ports, java.time.Clock.systemUTC());
        try (TenantScope.Binding ignored = TenantScope.bind(org(a))) {
            var csm = ports.profiles().findCaller(ProfileId.of(a.csmId())).orElseThrow();
            int before = recorder.recorded().size();
            var queue = orchestrator.viewQueue().queue(csm, new dev.orchestrator.core.application.port.in.ViewQueue.Query(
                    java.util.Optional.empty(), dev.orchestrator.core.domain.queue.QueueMode.PRODUCTION, 10));
            assertThat(tenantSettings(before)).as("the queue's reads: one transaction").isEqualTo(1);
            var open = ((dev.orchestrator.core.application.Result.Ok<List<dev.orchestrator.core.application.port.in.ViewQueue.QueueItem>>) queue)
                    .value();
            assertThat(open).hasSize(1);

            before = recorder.recorded().size();
            var started = orchestrator.transitionExecution().transition(csm, open.get(0).entry().execution().id(),
                    new dev.orchestrator.core.domain.lifecycle.Transition.Start(), null);
            assertThat(started).isInstanceOf(dev.orchestrator.core.application.Result.Ok.class);
            assertThat(tenantSettings(before)).as("a transition's reads and its write: one transaction").isEqualTo(1);
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        }
    }
}
