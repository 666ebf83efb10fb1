package dev.orchestrator.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.out.TeamViews;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.escalation.Escalation;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.lifecycle.ExecutionEvent;
import dev.orchestrator.core.domain.priority.PriorityLabel;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.team.CsmWorkload;
import dev.orchestrator.core.domain.team.TeamWindows;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@code TeamViews}: each CSM's line is exactly {@link CsmWorkload#tally} over the stored
 * executions and their escalate events, on random data with times on both sides of every window edge;
 * other organizations, demo work and CSMs not asked for are not counted.
 */
public abstract class TeamViewsContract extends PortContract {

    private static final PriorityPolicy.LabelThresholds LABELS = PriorityPolicy.STANDARD.labels();

    private TeamViews teams() {
        return fixture.ports().teams();
    }

    @Test
    void eachLineIsTheCoreTallyOnRandomData() {
        Instant asOf = World.T0.plus(Duration.ofDays(40));
        TeamWindows windows = new TeamWindows(asOf);
        Random random = new Random(12);
        List<WorkflowDefinition> definitions = new ArrayList<>();
        for (WorkflowType type : WorkflowType.values()) {
            definitions.add(world.definition(type, 600, Map.of(), false));
        }
        WorkflowDefinition demo = world.definition(WorkflowType.STRATEGIC, 700, Map.of("order", 1), true);
        Profile[] owners = {world.csm, world.teammate, world.outsider};
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            customers.add(world.customer(owners[i % owners.length], null));
        }
        // Instants on and around each edge: the windows' starts, the resurfacing horizon, now.
        Instant[] edges = {windows.shortWindowStart(), windows.longWindowStart(), windows.resurfacingBefore(), asOf};
        int[] scores = {100, 499, 500, 699, 700, 899, 900, 1000};
        Set<String> activePairs = new HashSet<>();
        Map<Object, Instant> lastEscalated = new HashMap<>();
        for (int i = 0; i < 150; i++) {
            WorkflowDefinition definition = random.nextInt(15) == 0 ? demo
                    : definitions.get(random.nextInt(definitions.size()));
            Customer customer = customers.get(random.nextInt(customers.size()));
            ExecutionStatus status = world.allowedStatus(activePairs, customer, definition,
                    ExecutionStatus.values()[random.nextInt(ExecutionStatus.values().length)]);
            Instant edge = edges[random.nextInt(edges.length)];
            Instant at = edge.plus(Duration.ofSeconds(random.nextInt(3) - 1));
            Instant created = World.T0.plus(Duration.ofHours(random.nextInt(24)));
            Profile owner = owners[random.nextInt(owners.length)];
            WorkflowExecution fresh = WorkflowExecution.create(
                    dev.orchestrator.core.domain.ids.ExecutionId.of(world.nextUuid()), world.org, definition.id(),
                    customer.id(), owner.id(), definition.demo(), scores[random.nextInt(scores.length)], created);
            WorkflowExecution.Changes changes = fresh.change().status(status);
            switch (status) {
                case UNDERWAY -> changes.startedAt(created);
                case COMPLETED -> changes.startedAt(created).completedAt(at);
                case SKIPPED -> changes.skipped(at, "not relevant");
                case SNOOZED -> changes.snooze(at, 5, created);
                default -> { }
            }
            boolean escalated = !status.isTerminal() && random.nextInt(3) == 0;
            if (escalated || (status.isTerminal() && random.nextInt(4) == 0)) {
                changes.escalationUserId(world.manager.id());
                // Every state of the loop (and none: stored before escalations had one): only "open" waits.
                Escalation opened = Escalation.opened(owner.id(), created);
                Instant answered = created.plus(Duration.ofHours(2));
                switch (random.nextInt(4)) {
                    case 0 -> changes.escalation(opened);
                    case 1 -> changes.escalation(opened.after(Action.ACKNOWLEDGE, world.manager.id(), answered, null));
                    case 2 -> changes.escalation(opened.after(Action.RESOLVE, world.manager.id(), answered, null));
                    default -> { }
                }
            }
            WorkflowExecution e = changes.at(created);
            fixture.givenExecution(e);
            if (escalated && random.nextBoolean()) {
                // Escalated twice: the wait counts from the last escalation.
                Instant first = created.plus(Duration.ofHours(1));
                Instant last = first.plus(Duration.ofHours(random.nextInt(200)));
                WorkflowExecution current = e;
                for (Instant when : List.of(first, last)) {
                    WorkflowExecution next = current.change().at(when);
                    fixture.ports().writer().saveTransition(next, current.status(), current.version(),
                            new ExecutionEvent(e.id(), world.org, owner.id(), Action.ESCALATE, e.status(), e.status(),
                                    null, null, world.manager.id(), when));
                    current = fixture.storedExecution(world.org, e.id()).orElseThrow();
                }
                lastEscalated.put(e.id(), last);
            }
        }
        World other = new World(fixture);
        other.execution(other.definition(WorkflowType.RISK, 900, Map.of(), false), other.customer(other.csm, null),
                other.csm, ExecutionStatus.UNDERWAY, 950, World.T0);

        List<CsmWorkload.Counted> stored = fixture.storedExecutions(world.org).stream()
                .map(e -> new CsmWorkload.Counted(e, lastEscalated.get(e.id()))).toList();
        Set<ProfileId> asked = Set.of(world.csm.id(), world.teammate.id(), world.manager.id(), other.csm.id());
        Map<ProfileId, CsmWorkload> lines = teams().workloads(world.org, asked, windows, LABELS).stream()
                .collect(Collectors.toMap(CsmWorkload::csm, Function.identity()));

        assertThat(lines.keySet()).as("lines of the CSMs with work, asked for").containsOnly(world.csm.id(),
                world.teammate.id());
        for (ProfileId csm : asked) {
            CsmWorkload expected = CsmWorkload.tally(csm, stored, windows, LABELS);
            assertThat(lines.getOrDefault(csm, CsmWorkload.none(csm))).as("line of %s", csm).isEqualTo(expected);
        }
        CsmWorkload csmLine = lines.get(world.csm.id());
        assertThat(csmLine.open()).isEqualTo(csmLine.openByLabel().values().stream().mapToLong(Long::longValue).sum());
        long busy = lines.values().stream().filter(l -> l.completedShort() > 0 && l.skippedLong() > l.skippedShort()
                && l.resurfacingSoon() > 0 && l.escalationsOpen() > 0 && l.openByLabel().get(PriorityLabel.CRITICAL) > 0)
                .count();
        assertThat(busy).as("lines where every count is exercised").isPositive();
        assertThat(teams().workloads(world.org, Set.of(world.outsider.id()), windows, LABELS))
                .extracting(CsmWorkload::csm).containsOnly(world.outsider.id());
        assertThat(teams().workloads(other.org, Set.of(world.csm.id()), windows, LABELS)).isEmpty();
    }

    @Test
    void anEscalationWaitsSinceItsLastEscalateEventOrElseSinceItsCreation() {
        WorkflowDefinition definition = world.definition(WorkflowType.RISK, 900, Map.of(), false);
        Customer customer = world.customer(world.csm, null);
        // Imported already escalated: no escalate event.
        WorkflowExecution imported = WorkflowExecution.create(
                dev.orchestrator.core.domain.ids.ExecutionId.of(world.nextUuid()), world.org, definition.id(),
                customer.id(), world.csm.id(), false, 900, World.T0)
                .change().escalationUserId(world.manager.id()).at(World.T0);
        fixture.givenExecution(imported);
        Instant asOf = World.T0.plus(Duration.ofDays(2));

        CsmWorkload line = teams().workloads(world.org, Set.of(world.csm.id()), new TeamWindows(asOf), LABELS).get(0);

        assertThat(line.escalationsOpen()).isEqualTo(1);
        assertThat(line.oldestEscalationSince()).contains(World.T0);
        Instant escalated = World.T0.plus(Duration.ofHours(5));
        WorkflowExecution stored = fixture.storedExecution(world.org, imported.id()).orElseThrow();
        fixture.ports().writer().saveTransition(stored.change().at(escalated), stored.status(), stored.version(),
                new ExecutionEvent(stored.id(), world.org, world.csm.id(), Action.ESCALATE, stored.status(),
                        stored.status(), null, null, world.manager.id(), escalated));
        assertThat(teams().workloads(world.org, Set.of(world.csm.id()), new TeamWindows(asOf), LABELS).get(0)
                .oldestEscalationSince()).isEqualTo(Optional.of(escalated));
    }
}
