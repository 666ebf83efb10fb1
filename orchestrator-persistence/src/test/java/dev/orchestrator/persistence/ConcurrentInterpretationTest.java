package dev.orchestrator.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.orchestrator.core.application.port.in.InterpretSignals;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.core.testing.RandomSignals;
import dev.orchestrator.core.testing.World;
import dev.orchestrator.persistence.testing.PostgresFixture;
import dev.orchestrator.persistence.testing.TestPools;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two interpreter runs at once (two threads, two connections, released together by a barrier)
 * create exactly what one run creates on identical data: no duplicate active execution, one
 * creation event each, and no deadlock.
 */
@WithPostgres
class ConcurrentInterpretationTest {

    private static final Instant NOW = Instant.parse("2026-03-10T06:00:00Z");
    private static final LocalDate TODAY = NOW.atOffset(ZoneOffset.UTC).toLocalDate();

    private static HikariDataSource pool;

    @BeforeAll
    static void openPool(TestDatabase db) {
        pool = TestPools.pool(db.dataSource());
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Test
    void twoRacingRunsCreateWhatOneRunCreates() throws Exception {
        PostgresFixture fixture = new PostgresFixture(pool);
        World alone = seed(fixture);
        World raced = seed(fixture);
        var interpretation = fixture.ports().interpretation();

        long single = interpretation.interpret(Optional.of(alone.org), SignalPolicy.STANDARD, PriorityPolicy.STANDARD,
                TODAY, NOW).total();

        CyclicBarrier barrier = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<InterpretSignals.Report> reports = new ArrayList<>();
        try {
            List<Future<InterpretSignals.Report>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(threads.submit(() -> {
                    barrier.await();
                    return interpretation.interpret(Optional.of(raced.org), SignalPolicy.STANDARD,
                            PriorityPolicy.STANDARD, TODAY, NOW);
                }));
            }
            for (Future<InterpretSignals.Report> run : runs) {
                reports.add(run.get());
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(single).isGreaterThan(100);
        assertThat(reports.get(0).total() + reports.get(1).total()).isEqualTo(single);
        DSLContext sql = DSL.using(pool, SQLDialect.POSTGRES);
        assertThat(count(sql, "SELECT count(*) FROM workflow_executions WHERE organization_id = ?", raced.org))
                .isEqualTo(single);
        assertThat(count(sql, """
                SELECT count(*) FROM (SELECT customer_id, workflow_definition_id FROM workflow_executions
                WHERE organization_id = ? AND status IN ('not_started', 'underway', 'snoozed')
                GROUP BY 1, 2 HAVING count(*) > 1) duplicates""", raced.org)).isZero();
        assertThat(count(sql, "SELECT count(*) FROM workflow_execution_events WHERE organization_id = ? AND action = 'create'",
                raced.org)).isEqualTo(single);
    }

    private static long count(DSLContext sql, String query, OrganizationId org) {
        return sql.fetchValue(query, org.value()) instanceof Number n ? n.longValue() : -1;
    }

    /** The same customers and definitions each time (same seed), in a new organization. */
    private static World seed(PostgresFixture fixture) {
        World world = new World(fixture);
        world.definition(WorkflowType.RISK, 900, Map.of("risk_score_min", 4), false);
        world.definition(WorkflowType.OPPORTUNITY, 800, Map.of("opportunity_score_min", 3), false);
        world.definition(WorkflowType.CUSTOM, 500, Map.of("opportunity_score_min", 1, "risk_score_min", "2"), false);
        RandomSignals signals = new RandomSignals(new Random(99));
        for (int i = 0; i < 300; i++) {
            CustomerSignals s = signals.next();
            world.customer(i % 2 == 0 ? world.csm : world.teammate, s);
        }
        return world;
    }
}
