package dev.orchestrator.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.out.RebalanceReads;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.escalation.Escalation;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.core.domain.workload.LoadCounting;
import dev.orchestrator.core.domain.workload.RebalancePlanner;
import dev.orchestrator.core.domain.workload.RebalancePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@code RebalanceReads}: the loads and the candidates are exactly what
 * {@link RebalancePolicy#loads} and {@link RebalancePolicy#candidates} give over the stored executions,
 * on random data (every status, escalations in each state, demo work, another organization), with
 * either way of counting load.
 */
public abstract class RebalanceReadsContract extends PortContract {

    private static final PriorityPolicy.LabelThresholds LABELS = PriorityPolicy.STANDARD.labels();

    private RebalanceReads reads() {
        return fixture.ports().rebalance();
    }

    @ParameterizedTest
    @EnumSource(LoadCounting.class)
    void theReadIsThePolicysJavaOnRandomData(LoadCounting counting) {
        RebalancePolicy policy = RebalancePolicy.DEFAULTS.counted(counting);
        Random random = new Random(counting.ordinal() + 41);
        List<WorkflowDefinition> definitions = new ArrayList<>();
        for (WorkflowType type : WorkflowType.values()) {
            definitions.add(world.definition(type, 600, Map.of(), false));
        }
        WorkflowDefinition demo = world.definition(WorkflowType.STRATEGIC, 700, Map.of("order", 1), true);
        Profile[] owners = {world.csm, world.teammate, world.outsider, world.manager};
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            customers.add(world.customer(owners[i % owners.length], null));
        }
        int[] scores = {100, 499, 500, 699, 700, 899, 900, 1000};
        Set<String> activePairs = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            WorkflowDefinition definition = random.nextInt(15) == 0 ? demo
                    : definitions.get(random.nextInt(definitions.size()));
            Customer customer = customers.get(random.nextInt(customers.size()));
            ExecutionStatus status = world.allowedStatus(activePairs, customer, definition,
                    random.nextBoolean() ? ExecutionStatus.NOT_STARTED
                            : ExecutionStatus.values()[random.nextInt(ExecutionStatus.values().length)]);
            Profile owner = owners[random.nextInt(owners.length)];
            var created = World.T0.plus(Duration.ofHours(random.nextInt(24)));
            WorkflowExecution fresh = WorkflowExecution.create(ExecutionId.of(world.nextUuid()), world.org,
                    definition.id(), customer.id(), owner.id(), definition.demo(), scores[random.nextInt(scores.length)],
                    created);
            WorkflowExecution.Changes changes = fresh.change().status(status);
            switch (status) {
                case UNDERWAY -> changes.startedAt(created);
                case COMPLETED -> changes.startedAt(created).completedAt(created.plus(Duration.ofHours(1)));
                case SKIPPED -> changes.skipped(created.plus(Duration.ofHours(1)), "not relevant");
                case SNOOZED -> changes.snooze(created.plus(Duration.ofDays(3)), 3, created);
                default -> { }
            }
            if (random.nextInt(4) == 0) {
                changes.escalationUserId(world.manager.id());
                Escalation opened = Escalation.opened(owner.id(), created);
                switch (random.nextInt(4)) {
                    case 0 -> changes.escalation(opened);
                    case 1 -> changes.escalation(opened.after(Action.ACKNOWLEDGE, world.manager.id(),
                            created.plus(Duration.ofHours(2)), null));
                    case 2 -> changes.escalation(opened.after(Action.RESOLVE, world.manager.id(),
                            created.plus(Duration.ofHours(2)), null));
                    default -> { }
                }
            }
            fixture.givenExecution(changes.at(created));
        }
        World other = new World(fixture);
        other.execution(other.definition(WorkflowType.RISK, 900, Map.of(), false), other.customer(other.csm, null),
                other.csm, ExecutionStatus.NOT_STARTED, 950, World.T0);

        // The CSM and the manager well above capacity, the teammate within it; the outsider not asked.
        Map<ProfileId, Integer> capacities = Map.of(world.csm.id(), 3, world.teammate.id(), 500, world.manager.id(), 2,
                other.csm.id(), 1);
        List<WorkflowExecution> stored = fixture.storedExecutions(world.org);
        Map<dev.orchestrator.core.domain.ids.CustomerId, String> names = new HashMap<>();
        customers.forEach(c -> names.put(c.id(), c.name()));

        RebalanceReads.TeamLoad read = reads().read(world.org, capacities, policy, LABELS);

        assertThat(read.loads()).isEqualTo(policy.loads(stored, capacities.keySet(), LABELS));
        List<RebalancePlanner.Candidate> expected = policy.candidates(stored, capacities, LABELS, names::get);
        assertThat(read.candidates()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(expected).as("candidates of both CSMs above capacity").extracting(RebalancePlanner.Candidate::csm)
                .contains(world.csm.id(), world.manager.id()).doesNotContain(world.teammate.id());
        assertThat(expected).as("customers that stay and that do not").extracting(RebalancePlanner.Candidate::customerStays)
                .contains(true, false);
        if (counting == LoadCounting.PRIORITY_WEIGHTED) {
            assertThat(read.loads().get(world.teammate.id())).as("weighted above the plain count")
                    .isGreaterThan(stored.stream().filter(e -> !e.demo() && !e.status().isTerminal()
                            && e.assignedCsmId().equals(world.teammate.id())).count());
        }
    }

    @Test
    void aTeamWithinCapacityHasNoCandidates() {
        world.execution(world.definition(WorkflowType.RISK, 900, Map.of(), false), world.customer(world.csm, null),
                world.csm, ExecutionStatus.NOT_STARTED, 950, World.T0);

        RebalanceReads.TeamLoad read = reads().read(world.org, Map.of(world.csm.id(), 1, world.teammate.id(), 1),
                RebalancePolicy.DEFAULTS, LABELS);

        assertThat(read.loads()).containsExactly(Map.entry(world.csm.id(), 1L));
        assertThat(read.candidates()).isEmpty();
    }
}
