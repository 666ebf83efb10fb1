package dev.orchestrator.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.escalation.OrganizationSettings;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.core.domain.workload.AssignmentRule;
import dev.orchestrator.core.domain.workload.AssignmentStrategy;
import dev.orchestrator.core.domain.workload.LoadCounting;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Contract of the interpretation's pool assignment: customers without a CSM that a run creates work
 * for get exactly the CSMs {@link AssignmentRule#assign} gives, on random pools, open counts and
 * customers, for each strategy; a second run continues from where the first left off (round robin's
 * turn); customers it creates no work for, and those of an organization without a pool, stay without one.
 */
public abstract class PoolAssignmentContract extends PortContract {

    private final Instant now = World.T0;
    private final LocalDate today = World.T0.atOffset(ZoneOffset.UTC).toLocalDate();

    @ParameterizedTest(name = "{0}, seed {1}")
    @CsvSource({"least_open, 1", "least_open, 2", "least_open, 3", "round_robin, 1", "round_robin, 2"})
    void theRunAssignsAsTheRuleSays(String strategyName, int seed) {
        AssignmentStrategy strategy = AssignmentStrategy.fromWireName(strategyName).orElseThrow();
        Random random = new Random(seed);
        List<Profile> members = new ArrayList<>(List.of(world.csm, world.teammate, world.manager, world.outsider));
        Collections.shuffle(members, random);
        List<ProfileId> pool = members.subList(0, 2 + random.nextInt(3)).stream().map(Profile::id).toList();
        fixture.ports().settings().saveSettings(world.org, new OrganizationSettings(24, pool, strategy,
                LoadCounting.OPEN));
        // Open work already held: a definition no signal triggers, one customer per item.
        WorkflowDefinition filler = world.definition(WorkflowType.CUSTOM, 500, Map.of(), false);
        Map<ProfileId, Long> open = new HashMap<>();
        for (Profile member : members) {
            int n = random.nextInt(6);
            for (int i = 0; i < n; i++) {
                world.execution(filler, world.customer(member, null), member,
                        random.nextBoolean() ? ExecutionStatus.NOT_STARTED : ExecutionStatus.UNDERWAY, 500, World.T0);
                open.merge(member.id(), 1L, Long::sum);
            }
            // Closed and demo work does not count.
            world.execution(filler, world.customer(member, null), member, ExecutionStatus.COMPLETED, 500, World.T0);
        }
        world.definition(WorkflowType.RISK, 900, Map.of("risk_score_min", 5), false);
        List<CustomerId> triggering = unassigned(world, 3 + random.nextInt(8), random);
        World other = new World(fixture);
        other.definition(WorkflowType.RISK, 900, Map.of("risk_score_min", 5), false);
        List<CustomerId> elsewhere = unassigned(other, 2, new Random(seed));

        fixture.ports().interpretation().interpret(Optional.empty(), SignalPolicy.STANDARD, PriorityPolicy.STANDARD,
                today, now);

        Map<CustomerId, ProfileId> expected = AssignmentRule.assign(strategy, pool, open, 0, triggering);
        assertThat(assignedByRun(world)).isEqualTo(expected);
        assertThat(assignedByRun(other)).as("no pool there: no CSM, no work").isEmpty();
        assertThat(fixture.storedExecutions(other.org)).extracting(WorkflowExecution::customerId)
                .doesNotContainAnyElementsOf(elsewhere);

        // A second batch: counts now include the first batch's work; round robin goes on from its turn.
        Map<ProfileId, Long> openNow = new HashMap<>();
        fixture.storedExecutions(world.org).stream().filter(e -> !e.demo() && !e.status().isTerminal())
                .forEach(e -> openNow.merge(e.assignedCsmId(), 1L, Long::sum));
        List<CustomerId> later = unassigned(world, 1 + random.nextInt(5), random);
        fixture.ports().interpretation().interpret(Optional.of(world.org), SignalPolicy.STANDARD,
                PriorityPolicy.STANDARD, today, now.plus(Duration.ofHours(1)));
        Map<CustomerId, ProfileId> second = AssignmentRule.assign(strategy, pool, openNow,
                AssignmentRule.turnAfter(strategy, 0, expected.size()), later);
        Map<CustomerId, ProfileId> all = new HashMap<>(expected);
        all.putAll(second);
        assertThat(assignedByRun(world)).isEqualTo(all);
    }

    /**
     * {@code n} customers without a CSM: about two thirds with signals that trigger the risk
     * definition (answered), the rest with none (no work, so no CSM).
     */
    private List<CustomerId> unassigned(World in, int n, Random random) {
        List<CustomerId> triggering = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Customer customer = new Customer(CustomerId.of(in.nextUuid()), in.org, "unassigned " + i, null);
            boolean triggers = random.nextInt(3) > 0;
            fixture.givenCustomer(customer, triggers ? World.signals(5, 8, 40) : null);
            if (triggers) {
                triggering.add(customer.id());
            }
        }
        return triggering;
    }

    /** The CSM each "unassigned" customer's new risk execution went to. */
    private Map<CustomerId, ProfileId> assignedByRun(World in) {
        return fixture.storedExecutions(in.org).stream()
                .filter(e -> e.priorityScore() >= 900 && !e.status().isTerminal())
                .collect(Collectors.toMap(WorkflowExecution::customerId, WorkflowExecution::assignedCsmId));
    }
}
