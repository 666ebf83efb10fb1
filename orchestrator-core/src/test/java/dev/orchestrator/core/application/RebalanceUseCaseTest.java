package dev.orchestrator.core.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.in.RebalanceTeam;
import dev.orchestrator.core.application.port.out.RebalanceReads;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.lifecycle.Transition;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.core.testing.InMemoryPorts;
import dev.orchestrator.core.testing.MutableClock;
import dev.orchestrator.core.testing.SequentialIds;
import dev.orchestrator.core.testing.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rebalancing end to end on the in-memory ports: access, the dry run, applying, and a change in between. */
class RebalanceUseCaseTest {

    private InMemoryPorts store;
    private World world;
    private Profile full;
    private Profile roomy;
    private final List<WorkflowExecution> items = new ArrayList<>();
    /** Run once between the proposal's read and its application (a concurrent change). */
    private final AtomicReference<Runnable> meanwhile = new AtomicReference<>(() -> { });
    private Orchestrator orchestrator;

    @BeforeEach
    void setUp() {
        store = new InMemoryPorts(new SequentialIds(9));
        world = new World(store);
        full = new Profile(ProfileId.of(world.nextUuid()), world.org, "full@example.com", "Full", Role.CSM,
                world.manager.id(), OptionalInt.of(2));
        roomy = new Profile(ProfileId.of(world.nextUuid()), world.org, "roomy@example.com", "Roomy", Role.CSM,
                world.manager.id(), OptionalInt.of(10));
        store.givenProfile(full);
        store.givenProfile(roomy);
        WorkflowDefinition definition = world.definition(WorkflowType.CUSTOM, 500, Map.of(), false);
        for (int score : new int[] {100, 200, 300, 400}) {
            items.add(world.execution(definition, world.customer(full, null), full, ExecutionStatus.NOT_STARTED, score,
                    World.T0));
        }
        RebalanceReads reads = store.ports().rebalance();
        RebalanceReads racing = (org, capacities, policy, labels) -> {
            RebalanceReads.TeamLoad read = reads.read(org, capacities, policy, labels);
            meanwhile.getAndSet(() -> { }).run();
            return read;
        };
        orchestrator = new Orchestrator(store.ports().withRebalance(racing), new MutableClock(World.T0));
    }

    private RebalanceTeam rebalance() {
        return orchestrator.rebalanceTeam();
    }

    @Test
    void aDryRunProposesAndMovesNothing() {
        RebalanceTeam.Rebalance dry = rebalance().rebalance(world.manager, false).orElseThrow();

        assertThat(dry.applied()).isFalse();
        assertThat(dry.results()).isEmpty();
        assertThat(dry.proposal().moves()).extracting(m -> m.execution()).containsExactly(items.get(0).id(),
                items.get(1).id());
        assertThat(store.storedExecution(world.org, items.get(0).id()).orElseThrow().assignedCsmId()).isEqualTo(full.id());
    }

    @Test
    void applyingMovesEachItemThroughReassign() {
        RebalanceTeam.Rebalance done = rebalance().rebalance(world.admin, true).orElseThrow();

        assertThat(done.results()).hasSize(2).allSatisfy(r -> assertThat(r.failure()).isEmpty());
        assertThat(store.storedExecution(world.org, items.get(0).id()).orElseThrow().assignedCsmId())
                .isEqualTo(roomy.id());
        assertThat(store.storedExecution(world.org, items.get(1).id()).orElseThrow().version())
                .isEqualTo(items.get(1).version() + 1);
    }

    @Test
    void anItemChangedAfterTheProposalIsReportedAndLeftAsItIs() {
        // The CSM starts the lowest item after the read: its planned version is gone.
        meanwhile.set(() -> orchestrator.transitionExecution().transition(full, items.get(0).id(),
                new Transition.Start(), null).orElseThrow());

        RebalanceTeam.Rebalance done = rebalance().rebalance(world.manager, true).orElseThrow();

        assertThat(done.results()).hasSize(2);
        assertThat(done.results().get(0).failure()).get().isInstanceOf(Failure.Stale.class);
        assertThat(done.results().get(1).failure()).isEmpty();
        WorkflowExecution started = store.storedExecution(world.org, items.get(0).id()).orElseThrow();
        assertThat(started.assignedCsmId()).isEqualTo(full.id());
        assertThat(started.status()).isEqualTo(ExecutionStatus.UNDERWAY);
        assertThat(store.storedExecution(world.org, items.get(1).id()).orElseThrow().assignedCsmId())
                .isEqualTo(roomy.id());
    }

    @Test
    void csmsMayNotRebalanceAndOperatorsNeedAManagerOrAnOrganization() {
        assertThat(rebalance().rebalance(world.csm, false)).isInstanceOf(Result.Err.class);
        assertThat(((Result.Err<RebalanceTeam.Rebalance>) rebalance().rebalance(world.csm, false)).failure())
                .isInstanceOf(Failure.Forbidden.class);
        assertThat(((Result.Err<RebalanceTeam.Rebalance>) rebalance().operatorRebalance(Optional.empty(),
                Optional.empty(), false)).failure()).isInstanceOf(Failure.Invalid.class);
        assertThat(((Result.Err<RebalanceTeam.Rebalance>) rebalance().operatorRebalance(Optional.empty(),
                Optional.of(world.csm.id()), false)).failure()).isInstanceOf(Failure.NotFound.class);
        assertThat(rebalance().operatorRebalance(Optional.empty(), Optional.of(world.manager.id()), false).orElseThrow()
                .proposal().moves()).hasSize(2);
        assertThat(rebalance().operatorRebalance(Optional.of(world.org), Optional.empty(), false).orElseThrow()
                .proposal().moves()).hasSize(2);
    }
}
