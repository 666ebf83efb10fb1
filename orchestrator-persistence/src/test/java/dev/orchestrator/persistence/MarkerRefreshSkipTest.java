package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.orchestrator.core.application.OutboundPorts;
import dev.orchestrator.core.application.port.out.CatalogWrites;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.dependency.Dependency;
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
import dev.orchestrator.core.testing.World;
import dev.orchestrator.persistence.testing.PostgresFixture;
import dev.orchestrator.persistence.testing.TestPools;
import dev.orchestrator.testsupport.StatementRecorder;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A write of executions in an organization without dependencies sends neither the blocked-marker refresh
 * nor the release of dependents ({@link BlockedMarker#dependenciesExist}): nothing there is or can become
 * blocked, and the refresh alone was a seventh of a transition. Where the organization has a dependency
 * both are sent as before. And a first dependency saved while a transition of its prerequisite is in
 * flight (the transition read "no dependencies") still leaves every marker what the rule says.
 */
@WithPostgres
class MarkerRefreshSkipTest {

    private static HikariDataSource pool;
    private static StatementRecorder recorder;
    private static PostgresFixture fixture;
    private static OutboundPorts ports;
    private static DSLContext owner;

    @BeforeAll
    static void setUp(TestDatabase db) {
        recorder = StatementRecorder.over(db.dataSource());
        pool = TestPools.pool(recorder);
        fixture = new PostgresFixture(pool);
        ports = fixture.ports();
        owner = DSL.using(db.dataSource(), org.jooq.SQLDialect.POSTGRES);
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    @AfterEach
    void dropTheTrigger() {
        owner.execute("DROP TRIGGER IF EXISTS transition_window ON workflow_executions");
        owner.execute("DROP FUNCTION IF EXISTS transition_window()");
    }

    @Test
    void aTransitionWithoutDependenciesSendsNoRefreshAndNoRelease() {
        World world = new World(fixture);
        WorkflowDefinition review = world.definition(WorkflowType.RISK, 600, Map.of(), false);
        Customer customer = world.customer(world.csm, World.signals(5, 1, 40));
        WorkflowExecution open = world.execution(review, customer, world.csm, ExecutionStatus.UNDERWAY, 60, World.T0);

        assertThat(sendersDuring(() -> complete(world, open, World.T0.plusSeconds(60))))
                .as("what a completion sends in an organization without dependencies: the locks, then the"
                        + " guarded UPDATE with its event's INSERT")
                .containsExactly("MarkerLocks#lock", "JooqExecutionWriter#saveTransition");
        assertThat(sendersDuring(() -> insertNew(world, review, customer, World.T0.plusSeconds(120))))
                .as("what a new execution sends there")
                .contains("JooqExecutionWriter#insertNew")
                .doesNotContain("BlockedMarker#refresh");
    }

    @Test
    void aTransitionWithADependencySendsBoth() {
        World world = new World(fixture);
        WorkflowDefinition prerequisite = world.definition(WorkflowType.RISK, 600, Map.of(), false);
        WorkflowDefinition after = save(world.definition(WorkflowType.OPPORTUNITY, 500, Map.of(), false)
                .withDependsOn(List.of(Dependency.on(prerequisite.id()))), World.T0);
        Customer customer = world.customer(world.csm, World.signals(5, 1, 40));
        WorkflowExecution open = world.execution(prerequisite, customer, world.csm, ExecutionStatus.UNDERWAY, 60,
                World.T0);

        assertThat(sendersDuring(() -> insertNew(world, after, customer, World.T0.plusSeconds(60))))
                .contains("BlockedMarker#refresh");
        assertThat(blocked(customer)).as("the dependent waits for its open prerequisite").isEqualTo(1);
        assertThat(sendersDuring(() -> complete(world, open, World.T0.plusSeconds(120))))
                .contains("BlockedMarker#refresh", "JooqDependencyBlocks#releaseWhere");
        assertThat(blocked(customer)).as("released by the completion").isZero();
    }

    @Test
    void aFirstDependencySavedDuringATransitionOfItsPrerequisiteStillMarksAsTheRuleSays() throws Exception {
        World world = new World(fixture);
        Instant now = World.T0;
        WorkflowDefinition prerequisite = world.definition(WorkflowType.RISK, 600, Map.of(), false);
        WorkflowDefinition dependent = world.definition(WorkflowType.OPPORTUNITY, 500, Map.of(), false);
        Customer customer = world.customer(world.csm, World.signals(5, 1, 40));
        WorkflowExecution open = world.execution(prerequisite, customer, world.csm, ExecutionStatus.UNDERWAY, 60, now);
        world.execution(dependent, customer, world.csm, ExecutionStatus.NOT_STARTED, 50, now);
        // After the completion's guarded UPDATE (which read "no dependencies"), before its commit: 500 ms in
        // which the first depends_on of the organization is saved and refreshed.
        owner.execute("CREATE FUNCTION transition_window() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN PERFORM pg_sleep(0.5); RETURN NULL; END $$");
        owner.execute("CREATE TRIGGER transition_window AFTER UPDATE OF completed_at ON workflow_executions"
                + " FOR EACH STATEMENT EXECUTE FUNCTION transition_window()");

        Instant at = now.plusSeconds(60);
        CompletableFuture<Void> completing = CompletableFuture.runAsync(() -> complete(world, open, at));
        Thread.sleep(150);
        save(dependent.withDependsOn(List.of(Dependency.on(prerequisite.id()))), at);
        completing.get(30, TimeUnit.SECONDS);

        var e = WORKFLOW_EXECUTIONS.as("e");
        var rule = DSL.field(DependencySql.blocked(e.ORGANIZATION_ID, e.CUSTOMER_ID, e.WORKFLOW_DEFINITION_ID, e.STATUS,
                e.CREATED_AT));
        assertThat(owner.select(e.ID).from(e).where(e.ORGANIZATION_ID.eq(world.org.value()))
                .and(e.BLOCKED.isDistinctFrom(rule)).fetch())
                .as("rows whose stored marker is not the rule").isEmpty();
        assertThat(blocked(customer)).as("the prerequisite is completed: nothing waits").isZero();
    }

    private static List<String> sendersDuring(Runnable write) {
        int before = recorder.recorded().size();
        write.run();
        return recorder.recorded().subList(before, recorder.recorded().size()).stream()
                .map(StatementRecorder.Recorded::sender).toList();
    }

    private static void complete(World world, WorkflowExecution open, Instant at) {
        TransitionResult.Applied applied = (TransitionResult.Applied) Lifecycle.apply(open, new Transition.Complete(),
                null, world.csm.id(), at);
        assertThat(ports.writer().saveTransition(applied.execution(), open.status(), open.version(), applied.event(),
                null)).isInstanceOf(dev.orchestrator.core.application.port.out.ExecutionWriter.SaveResult.Saved.class);
    }

    private static void insertNew(World world, WorkflowDefinition definition, Customer customer, Instant now) {
        WorkflowExecution fresh = WorkflowExecution.create(ExecutionId.of(world.nextUuid()), world.org,
                definition.id(), customer.id(), customer.csmId(), false, 500, now);
        assertThat(ports.writer().insertNew(List.of(fresh), List.of(new ExecutionEvent(fresh.id(), world.org,
                world.csm.id(), Action.CREATE, null, ExecutionStatus.NOT_STARTED, null, null, null, now))))
                .hasSize(1);
    }

    private static WorkflowDefinition save(WorkflowDefinition definition, Instant now) {
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
        assertThat(ports.catalogWrites().saveDefinition(definition, OptionalLong.empty(), new CatalogWrites.Scoring(
                PriorityPolicy.STANDARD, SignalPolicy.STANDARD, today, now))).isInstanceOf(CatalogWrites.Outcome.Saved.class);
        return definition;
    }

    private static int blocked(Customer customer) {
        var e = WORKFLOW_EXECUTIONS;
        return owner.fetchCount(e, e.CUSTOMER_ID.eq(customer.id().value()).and(e.BLOCKED));
    }
}
