package dev.orchestrator.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.out.ExecutionWriter;
import dev.orchestrator.core.application.port.out.ExecutionWriter.SaveResult;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.lifecycle.ExecutionEvent;
import dev.orchestrator.core.domain.lifecycle.Lifecycle;
import dev.orchestrator.core.domain.lifecycle.Transition;
import dev.orchestrator.core.domain.lifecycle.TransitionResult;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Contract of {@code ExecutionWriter}: guarded transitions with their events, and idempotent inserts. */
public abstract class ExecutionWriterContract extends PortContract {

    private WorkflowDefinition definition;
    private Customer customer;

    private void given() {
        definition = world.definition(WorkflowType.RISK, 900, Map.of("risk_score_min", 5), false);
        customer = world.customer(world.csm, World.signals(1, 2, 3));
    }

    private TransitionResult.Applied snooze(WorkflowExecution execution, Instant at) {
        return (TransitionResult.Applied) Lifecycle.apply(execution, new Transition.Snooze(3),
                JsonObject.of(Map.of("step", "call", "notes", Map.of("tone", "warm"))), world.csm.id(), at);
    }

    @Test
    void savesATransitionWithItsEventWhenStatusAndVersionStillMatch() {
        given();
        WorkflowExecution stored = world.execution(definition, customer, world.csm, ExecutionStatus.UNDERWAY, 900, World.T0);
        Instant at = World.T0.plus(Duration.ofHours(2));
        TransitionResult.Applied applied = snooze(stored, at);
        WorkflowExecution next = applied.execution().withPriorityScore(372);

        SaveResult result = fixture.ports().writer().saveTransition(next, stored.status(), stored.version(), applied.event());

        assertThat(result).isInstanceOf(SaveResult.Saved.class);
        WorkflowExecution saved = ((SaveResult.Saved) result).execution();
        assertThat(saved).isEqualTo(next);
        assertThat(saved.version()).isEqualTo(stored.version() + 1);
        assertThat(fixture.storedExecution(world.org, stored.id())).contains(next);
        assertThat(fixture.eventsOf(world.org, stored.id())).containsExactly(applied.event());
    }

    @Test
    void savesAReassignmentWithTheCsmsBeforeAndAfter() {
        given();
        WorkflowExecution stored = world.execution(definition, customer, world.csm, ExecutionStatus.SNOOZED, 900, World.T0);
        TransitionResult.Applied applied = (TransitionResult.Applied) Lifecycle.apply(stored,
                new dev.orchestrator.core.domain.lifecycle.Transition.Reassign(world.teammate.id()), null,
                world.manager.id(), World.T0.plusSeconds(60));

        ExecutionWriter.SaveResult result = fixture.ports().writer().saveTransition(applied.execution(),
                stored.status(), stored.version(), applied.event());

        assertThat(result).isInstanceOf(ExecutionWriter.SaveResult.Saved.class);
        WorkflowExecution now = fixture.storedExecution(world.org, stored.id()).orElseThrow();
        assertThat(now.assignedCsmId()).isEqualTo(world.teammate.id());
        assertThat(now.status()).isEqualTo(ExecutionStatus.SNOOZED);
        assertThat(now.snoozeUntil()).isEqualTo(stored.snoozeUntil());
        assertThat(fixture.eventsOf(world.org, stored.id())).containsExactly(applied.event());
        assertThat(applied.event().fromCsmId()).isEqualTo(world.csm.id());
        assertThat(applied.event().toCsmId()).isEqualTo(world.teammate.id());
    }

    @Test
    void refusesAStaleVersionOrStatusAndChangesNothing() {
        given();
        WorkflowExecution stored = world.execution(definition, customer, world.csm, ExecutionStatus.UNDERWAY, 900, World.T0);
        TransitionResult.Applied applied = snooze(stored, World.T0.plusSeconds(60));
        ExecutionWriter writer = fixture.ports().writer();

        SaveResult staleVersion = writer.saveTransition(applied.execution(), stored.status(), stored.version() - 1, applied.event());
        SaveResult wrongStatus = writer.saveTransition(applied.execution(), ExecutionStatus.NOT_STARTED, stored.version(), applied.event());

        assertThat(staleVersion).isEqualTo(new SaveResult.Conflict(Optional.of(ExecutionStatus.UNDERWAY)));
        assertThat(wrongStatus).isEqualTo(new SaveResult.Conflict(Optional.of(ExecutionStatus.UNDERWAY)));
        assertThat(fixture.storedExecution(world.org, stored.id())).contains(stored);
        assertThat(fixture.eventsOf(world.org, stored.id())).isEmpty();
    }

    @Test
    void reportsAMissingOrForeignExecutionAsAConflictWithoutStatus() {
        given();
        World other = new World(fixture);
        WorkflowExecution stored = world.execution(definition, customer, world.csm, ExecutionStatus.UNDERWAY, 900, World.T0);
        TransitionResult.Applied applied = snooze(stored, World.T0.plusSeconds(60));
        WorkflowExecution foreign = new WorkflowExecution(stored.id(), other.org, stored.definitionId(), stored.customerId(),
                stored.assignedCsmId(), null, ExecutionStatus.SNOOZED, applied.execution().snoozeUntil(), 3,
                applied.execution().snoozedAt(), 0, null, null, null, null, null, false, 2, World.T0, World.T0, null);

        SaveResult result = fixture.ports().writer().saveTransition(foreign, stored.status(), stored.version(),
                new ExecutionEvent(stored.id(), other.org, null, applied.event().action(), stored.status(),
                        ExecutionStatus.SNOOZED, 3, null, null, World.T0));

        assertThat(result).isEqualTo(new SaveResult.Conflict(Optional.empty()));
        assertThat(fixture.storedExecution(world.org, stored.id())).contains(stored);
    }

    @Test
    void exactlyOneOfTwoRacingWritersWins() throws Exception {
        given();
        WorkflowExecution stored = world.execution(definition, customer, world.csm, ExecutionStatus.UNDERWAY, 900, World.T0);
        TransitionResult.Applied complete = (TransitionResult.Applied) Lifecycle.apply(stored, new Transition.Complete(),
                null, world.csm.id(), World.T0.plusSeconds(5));
        TransitionResult.Applied snooze = snooze(stored, World.T0.plusSeconds(6));
        CyclicBarrier barrier = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<SaveResult>> results = new ArrayList<>();
            for (TransitionResult.Applied applied : List.of(complete, snooze)) {
                results.add(pool.submit(() -> {
                    barrier.await();
                    return fixture.ports().writer().saveTransition(applied.execution(), stored.status(),
                            stored.version(), applied.event());
                }));
            }
            List<SaveResult> outcomes = new ArrayList<>();
            for (Future<SaveResult> result : results) {
                outcomes.add(result.get());
            }
            assertThat(outcomes).filteredOn(r -> r instanceof SaveResult.Saved).hasSize(1);
            assertThat(outcomes).filteredOn(r -> r instanceof SaveResult.Conflict).hasSize(1);
            assertThat(fixture.eventsOf(world.org, stored.id())).hasSize(1);
            assertThat(fixture.storedExecution(world.org, stored.id()).orElseThrow().version()).isEqualTo(stored.version() + 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void insertsNewExecutionsButNeverASecondActiveOneForACustomerAndDefinition() {
        given();
        WorkflowExecution done = world.execution(definition, customer, world.csm, ExecutionStatus.COMPLETED, 0, World.T0);
        WorkflowDefinition second = world.definition(WorkflowType.OPPORTUNITY, 800, Map.of(), false);
        Instant now = World.T0.plusSeconds(30);
        WorkflowExecution first = WorkflowExecution.create(ExecutionId.of(world.nextUuid()), world.org,
                definition.id(), customer.id(), world.csm.id(), false, 901, now);
        WorkflowExecution other = WorkflowExecution.create(ExecutionId.of(world.nextUuid()), world.org,
                second.id(), customer.id(), world.csm.id(), false, 802, now);
        WorkflowExecution duplicate = WorkflowExecution.create(ExecutionId.of(world.nextUuid()), world.org,
                definition.id(), customer.id(), world.csm.id(), false, 903, now);
        ExecutionWriter writer = fixture.ports().writer();

        List<WorkflowExecution> inserted = writer.insertNew(List.of(first, other), events(now, first, other));
        List<WorkflowExecution> again = writer.insertNew(List.of(duplicate), events(now, duplicate));

        assertThat(inserted).containsExactlyInAnyOrder(first, other);
        assertThat(again).isEmpty();
        assertThat(fixture.storedExecutions(world.org)).containsExactlyInAnyOrder(done, first, other);
        assertThat(fixture.eventsOf(world.org, first.id())).containsExactly(events(now, first).get(0));
        assertThat(fixture.eventsOf(world.org, duplicate.id())).isEmpty();
    }

    private List<ExecutionEvent> events(Instant now, WorkflowExecution... executions) {
        return java.util.Arrays.stream(executions)
                .map(e -> ExecutionEvent.created(e.id(), e.organizationId(), world.admin.id(), now))
                .toList();
    }
}
