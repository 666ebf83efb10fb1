package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.OutboundPorts;
import dev.orchestrator.core.application.port.out.CatalogLoader;
import dev.orchestrator.core.application.port.out.CatalogWrites;
import dev.orchestrator.core.domain.catalog.ExecutionEntry;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.dependency.Dependency;
import dev.orchestrator.core.domain.dependency.WhileOpen;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.lifecycle.ExecutionEvent;
import dev.orchestrator.core.domain.lifecycle.Lifecycle;
import dev.orchestrator.core.domain.lifecycle.Transition;
import dev.orchestrator.core.domain.lifecycle.TransitionResult;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.core.testing.World;
import dev.orchestrator.persistence.testing.PooledPostgresFixture;
import dev.orchestrator.persistence.testing.PostgresFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two writers of one customer's work at once leave its stored {@code blocked} markers (V41) what the rule
 * says ({@link MarkerLocks}). Each round, a customer's prerequisite is completed while, at the same
 * moment, a dependent of it is created for that customer by another path: by hand ({@code insertNew}), by
 * an import, by the daily interpretation. Without the locks each writer's refresh ran before the other's
 * commit: the dependent stayed marked blocked behind a completed prerequisite. A test trigger that
 * sleeps 100 ms after each refresh statement (before its commit) makes the two writers' refreshes overlap
 * in every round instead of by chance.
 */
class BlockedMarkerRaceTest {

    @RegisterExtension
    static final PooledPostgresFixture DATABASE = new PooledPostgresFixture();

    /** Risk ≥ 5 triggers it (the interpretation's dependent). */
    private static final Map<String, Object> TRIGGERED = Map.of("risk_score_min", 5);

    private final PortsFixture fixture = DATABASE.newFixture();
    private final OutboundPorts ports = fixture.ports();
    private final DSLContext owner = ((PostgresFixture) fixture).sql();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    private enum Creator { BY_HAND, IMPORT, INTERPRETATION }

    @AfterEach
    void dropTheTriggers() {
        threads.shutdownNow();
        owner.execute("DROP TRIGGER IF EXISTS race_window ON workflow_executions");
        owner.execute("DROP FUNCTION IF EXISTS race_window()");
    }

    @Test
    void aDependentCreatedWhileItsPrerequisiteIsCompletedIsMarkedAsTheRuleSays() throws Exception {
        World world = new World(fixture);
        Instant now = World.T0;
        WorkflowDefinition prerequisite = world.definition(WorkflowType.RISK, 600, Map.of(), false);
        WorkflowDefinition byHand = dependent(world, world.definition(WorkflowType.OPPORTUNITY, 500, Map.of(), false),
                prerequisite, now);
        WorkflowDefinition triggered = dependent(world, world.definition(WorkflowType.STRATEGIC, 550, TRIGGERED, false),
                prerequisite, now);
        // After every refresh statement (it alone sets blocked; a statement trigger fires on no rows too),
        // before its commit: 100 ms in which the other writer's refresh runs.
        owner.execute("CREATE FUNCTION race_window() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN PERFORM pg_sleep(0.1); RETURN NULL; END $$");
        owner.execute("CREATE TRIGGER race_window AFTER UPDATE OF blocked ON workflow_executions"
                + " FOR EACH STATEMENT EXECUTE FUNCTION race_window()");

        int rounds = 0;
        for (int round = 0; round < 4; round++) {
            for (Creator creator : Creator.values()) {
                now = now.plus(Duration.ofDays(3));
                boolean risky = creator == Creator.INTERPRETATION;
                // Risky customers only where the interpretation is to create work: elsewhere it creates none.
                Customer customer = world.customer(world.csm, risky ? World.signals(5, 8, 40) : World.signals(5, 1, 40));
                WorkflowExecution open = world.execution(prerequisite, customer, world.csm, ExecutionStatus.UNDERWAY, 60,
                        now.minus(Duration.ofDays(1)));
                Instant at = now;
                CyclicBarrier start = new CyclicBarrier(2);
                CompletableFuture<Void> complete = CompletableFuture.runAsync(() -> {
                    await(start);
                    TransitionResult.Applied applied = (TransitionResult.Applied) Lifecycle.apply(open,
                            new Transition.Complete(), null, world.csm.id(), at);
                    ports.writer().saveTransition(applied.execution(), open.status(), open.version(), applied.event(), null);
                }, threads);
                CompletableFuture<Void> create = CompletableFuture.runAsync(() -> {
                    await(start);
                    create(world, creator, creator == Creator.INTERPRETATION ? triggered : byHand, customer, at);
                }, threads);
                CompletableFuture.allOf(complete, create).get(30, TimeUnit.SECONDS);
                assertThat(dependentsOf(customer)).as("round %d (%s): the dependent was created", round, creator)
                        .isPositive();
                assertMarkersAreTheRule("round " + round + " (" + creator + ")", world);
                rounds++;
            }
        }
        assertThat(rounds).isEqualTo(12);
    }

    private void create(World world, Creator creator, WorkflowDefinition definition, Customer customer, Instant now) {
        switch (creator) {
            case BY_HAND -> {
                WorkflowExecution fresh = WorkflowExecution.create(ExecutionId.of(world.nextUuid()), world.org,
                        definition.id(), customer.id(), customer.csmId(), false, 500, now);
                ports.writer().insertNew(List.of(fresh), List.of(new ExecutionEvent(fresh.id(), world.org,
                        world.csm.id(), Action.CREATE, null, ExecutionStatus.NOT_STARTED, null, null, null, now)));
            }
            case IMPORT -> {
                ExecutionEntry entry = new ExecutionEntry(ExecutionId.of(world.nextUuid()), world.org, definition.id(),
                        customer.id(), customer.csmId(), ExecutionStatus.NOT_STARTED, null, null, null, false, null);
                try (CatalogLoader.Session session = ports.catalogLoader().begin(now)) {
                    assertThat(session.executions(List.of(new CatalogLoader.Located<>("executions[0]", entry)))).isEmpty();
                    session.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            case INTERPRETATION -> ports.interpretation().interpret(Optional.of(world.org), SignalPolicy.STANDARD,
                    PriorityPolicy.STANDARD, now.atOffset(ZoneOffset.UTC).toLocalDate(), now);
        }
    }

    private WorkflowDefinition dependent(World world, WorkflowDefinition d, WorkflowDefinition prerequisite,
            Instant now) {
        WorkflowDefinition changed = new WorkflowDefinition(d.id(), d.organizationId(), d.name(), d.type(),
                d.description(), d.triggerConditions(), d.priorityWeight(), d.active(), d.demo(), d.steps(),
                List.of(new Dependency(prerequisite.id(), null, WhileOpen.CREATE)));
        assertThat(ports.catalogWrites().saveDefinition(changed, OptionalLong.empty(), new CatalogWrites.Scoring(
                PriorityPolicy.STANDARD, SignalPolicy.STANDARD, now.atOffset(ZoneOffset.UTC).toLocalDate(), now)))
                .isInstanceOf(CatalogWrites.Outcome.Saved.class);
        return changed;
    }

    private long dependentsOf(Customer customer) {
        var e = WORKFLOW_EXECUTIONS;
        return owner.fetchCount(e, e.CUSTOMER_ID.eq(customer.id().value()).and(e.STATUS.eq(ExecutionStatus.NOT_STARTED)));
    }

    /** Every row's stored marker is {@code DependencySql.blocked} evaluated now; and none is blocked (every prerequisite closed). */
    private void assertMarkersAreTheRule(String when, World world) {
        var e = WORKFLOW_EXECUTIONS.as("e");
        var rule = DSL.field(DependencySql.blocked(e.ORGANIZATION_ID, e.CUSTOMER_ID, e.WORKFLOW_DEFINITION_ID, e.STATUS,
                e.CREATED_AT));
        var stale = owner.select(e.ID, e.STATUS, e.BLOCKED, rule).from(e)
                .where(e.ORGANIZATION_ID.eq(world.org.value())).and(e.BLOCKED.isDistinctFrom(rule)).fetch();
        assertThat(stale).as("rows whose stored marker is not the rule, after %s", when).isEmpty();
        assertThat(owner.fetchCount(e, e.ORGANIZATION_ID.eq(world.org.value()).and(e.BLOCKED)))
                .as("blocked rows after %s (every prerequisite is completed)", when).isZero();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
