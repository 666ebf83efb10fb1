package dev.orchestrator.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.out.ExecutionViews;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.lifecycle.ExecutionEvent;
import dev.orchestrator.core.domain.lifecycle.Lifecycle;
import dev.orchestrator.core.domain.lifecycle.Transition;
import dev.orchestrator.core.domain.lifecycle.TransitionResult;
import dev.orchestrator.core.domain.priority.PriorityLabel;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.queue.QueueEntry;
import dev.orchestrator.core.domain.views.ExecutionFilter;
import dev.orchestrator.core.domain.views.ExecutionView;
import dev.orchestrator.core.domain.views.HistoryEntry;
import dev.orchestrator.core.domain.views.ListSort;
import dev.orchestrator.core.domain.views.Person;
import dev.orchestrator.core.domain.views.Visibility;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
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
 * Contract of {@code ExecutionViews}: lists hold exactly what {@link Visibility#covers} and
 * {@link ExecutionFilter#matches} say, in {@link ListSort}'s order, and paging with the last row's
 * position reads each row once; one execution carries its people and due date; the timeline is oldest
 * first with names. The expectation is computed from the stored rows with the core's rules.
 */
public abstract class ExecutionViewsContract extends PortContract {

    private static final PriorityPolicy.LabelThresholds LABELS = PriorityPolicy.STANDARD.labels();

    private ExecutionViews views() {
        return fixture.ports().views();
    }

    @Test
    void listsFollowVisibilityFiltersAndOrderOnRandomDataAndPageWithoutGapsOrRepeats() {
        World other = new World(fixture);
        Random random = new Random(7);
        List<WorkflowDefinition> definitions = new ArrayList<>();
        for (WorkflowType type : WorkflowType.values()) {
            definitions.add(world.definition(type, 500 + random.nextInt(500), Map.of(), false));
        }
        definitions.add(world.definition(WorkflowType.STRATEGIC, 700, Map.of("order", 1), true));
        Profile[] assignees = {world.csm, world.teammate, world.outsider, world.manager};
        List<Customer> customers = new ArrayList<>();
        String[] names = {"Acme Renewals", "Globex", "Initech ÉCLAIR", "Umbrella acme", "50% Off_Shop", "Back\\slash"};
        for (int i = 0; i < names.length; i++) {
            Customer customer = new Customer(CustomerId.of(world.nextUuid()), world.org, names[i],
                    assignees[i % assignees.length].id());
            fixture.givenCustomer(customer, i % 2 == 0 ? World.signals(2, 3, 40) : null);
            customers.add(customer);
        }
        Set<String> activePairs = new HashSet<>();
        Map<ExecutionId, Instant> dueAts = new HashMap<>();
        int[] scores = {499, 500, 699, 700, 899, 900, 1000, 350};
        for (int i = 0; i < 90; i++) {
            WorkflowDefinition definition = definitions.get(random.nextInt(definitions.size()));
            Customer customer = customers.get(random.nextInt(customers.size()));
            ExecutionStatus status = world.allowedStatus(activePairs, customer, definition,
                    ExecutionStatus.values()[random.nextInt(ExecutionStatus.values().length)]);
            Instant created = World.T0.minus(Duration.ofMinutes(random.nextInt(4)));
            WorkflowExecution e = world.execution(definition, customer, assignees[random.nextInt(assignees.length)],
                    status, scores[random.nextInt(scores.length)], created);
            if (random.nextInt(3) == 0 && !status.isTerminal()) {
                WorkflowExecution escalated = e.change().escalationUserId(random.nextBoolean() ? world.manager.id()
                        : world.teammate.id()).at(e.updatedAt());
                fixture.ports().writer().saveTransition(escalated, e.status(), e.version(), new ExecutionEvent(e.id(),
                        world.org, world.csm.id(), Action.ESCALATE, e.status(), e.status(), null, null,
                        escalated.escalationUserId(), e.updatedAt()));
            }
            if (random.nextInt(3) > 0) {
                Instant due = World.T0.plus(Duration.ofDays(random.nextInt(5) - 1));
                fixture.givenDueAt(world.org, e.id(), due);
                dueAts.put(e.id(), due);
            }
        }
        other.execution(other.definition(WorkflowType.RISK, 900, Map.of(), false), other.customer(other.csm, null),
                other.csm, ExecutionStatus.NOT_STARTED, 950, World.T0);

        List<Visibility> visibilities = List.of(new Visibility.WholeOrganization(),
                new Visibility.AssignedTo(Set.of(world.csm.id())),
                new Visibility.AssignedTo(Set.of(world.manager.id(), world.csm.id(), world.teammate.id())),
                new Visibility.EscalatedTo(world.manager.id()));
        List<ExecutionFilter> filters = new ArrayList<>(List.of(ExecutionFilter.NONE,
                filter(f -> new ExecutionFilter(EnumSet.of(ExecutionStatus.NOT_STARTED, ExecutionStatus.SNOOZED),
                        f.workflowType(), f.label(), f.customer(), f.csm(), f.definition(), f.dueAtOrBefore(),
                        f.snoozedUntilBefore(), f.text()))));
        for (PriorityLabel label : PriorityLabel.values()) {
            filters.add(new ExecutionFilter(Set.of(), Optional.empty(), Optional.of(label), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        }
        filters.add(new ExecutionFilter(Set.of(), Optional.of(WorkflowType.RISK), Optional.empty(),
                Optional.of(customers.get(0).id()), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()));
        filters.add(new ExecutionFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(world.teammate.id()), Optional.of(definitions.get(1).id()),
                Optional.of(World.T0.plus(Duration.ofDays(1))), Optional.empty(), Optional.empty()));
        filters.add(new ExecutionFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(World.T0.plus(Duration.ofDays(6))),
                Optional.empty()));
        filters.add(new ExecutionFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("ACME")));
        filters.add(new ExecutionFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("risk workflow")));
        filters.add(new ExecutionFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("éclair")));
        // q is plain text: SQL's LIKE wildcards and escape character match only themselves.
        for (String plain : List.of("%", "_", "a_m", "\\", "ac%e")) {
            filters.add(new ExecutionFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(plain)));
        }
        // A team of three with a name search: a team's page is read per member (on PostgreSQL).
        filters.add(new ExecutionFilter(EnumSet.of(ExecutionStatus.NOT_STARTED, ExecutionStatus.UNDERWAY),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of("acme")));

        Map<Object, WorkflowDefinition> definitionById = definitions.stream()
                .collect(Collectors.toMap(WorkflowDefinition::id, Function.identity()));
        Map<Object, Customer> customerById = customers.stream().collect(Collectors.toMap(Customer::id, c -> c));
        List<ExecutionView> stored = fixture.storedExecutions(world.org).stream()
                .map(e -> new ExecutionView(new QueueEntry(e, definitionById.get(e.definitionId()),
                        customerById.get(e.customerId()), null), dueAts.get(e.id()), new Person(e.assignedCsmId(), "x"),
                        null, null))
                .toList();
        int nonEmpty = 0;
        for (Visibility visibility : visibilities) {
            for (ExecutionFilter filter : filters) {
                List<ExecutionView> matching = stored.stream()
                        .filter(v -> visibility.covers(v.entry().execution()) && filter.matches(v, LABELS)).toList();
                assertThat(views().count(world.org, visibility, filter, LABELS))
                        .as("count of %s, %s", visibility, filter).isEqualTo(matching.size());
                assertThat(views().countUpTo(world.org, visibility, filter, LABELS, 3))
                        .as("count up to 3 of %s, %s", visibility, filter).isEqualTo(Math.min(3, matching.size()));
                nonEmpty += matching.isEmpty() ? 0 : 1;
                for (ListSort sort : ListSort.values()) {
                    List<ExecutionId> expected = matching.stream().sorted(sort.comparator())
                            .map(v -> v.entry().execution().id()).toList();
                    assertThat(pageThrough(visibility, filter, sort, 7)).as("%s, %s, %s", visibility, filter, sort)
                            .isEqualTo(expected);
                }
            }
        }
        assertThat(nonEmpty).as("combinations with rows").isGreaterThan(visibilities.size() * filters.size() / 2);
    }

    private static ExecutionFilter filter(Function<ExecutionFilter, ExecutionFilter> change) {
        return change.apply(ExecutionFilter.NONE);
    }

    private List<ExecutionId> pageThrough(Visibility visibility, ExecutionFilter filter, ListSort sort, int limit) {
        List<ExecutionId> ids = new ArrayList<>();
        Optional<ListSort.Position> after = Optional.empty();
        for (int page = 0; page < 100; page++) {
            List<ExecutionView> rows = views().list(world.org, visibility, filter, LABELS, sort, after, limit);
            for (ExecutionView row : rows) {
                assertThat(row.entry().execution().organizationId()).isEqualTo(world.org);
                assertThat(row.entry().definition().id()).isEqualTo(row.entry().execution().definitionId());
                assertThat(row.entry().customer().id()).isEqualTo(row.entry().execution().customerId());
                assertThat(row.assignedCsm().id()).isEqualTo(row.entry().execution().assignedCsmId());
                ids.add(row.entry().execution().id());
            }
            if (rows.size() < limit) {
                return ids;
            }
            after = Optional.of(sort.position(rows.get(rows.size() - 1)));
        }
        throw new AssertionError("more than 100 pages");
    }

    @Test
    void oneExecutionCarriesItsDueDatePeopleAndLastEscalation() {
        WorkflowDefinition definition = world.definition(WorkflowType.RENEWAL, 600, Map.of(), false);
        Customer customer = world.customer(world.csm, World.signals(1, 2, 3));
        WorkflowExecution e = world.execution(definition, customer, world.csm, ExecutionStatus.UNDERWAY, 600, World.T0);
        Instant due = Instant.parse("2026-04-01T00:00:00Z");
        fixture.givenDueAt(world.org, e.id(), due);
        Instant at = World.T0.plus(Duration.ofHours(3));
        TransitionResult.Applied escalated = (TransitionResult.Applied) Lifecycle.apply(e,
                new Transition.Escalate(world.manager.id()), JsonObject.EMPTY, world.csm.id(), at);
        fixture.ports().writer().saveTransition(escalated.execution(), e.status(), e.version(), escalated.event());

        ExecutionView view = views().view(world.org, e.id()).orElseThrow();

        assertThat(view.entry().execution().id()).isEqualTo(e.id());
        assertThat(view.entry().customer()).isEqualTo(customer);
        assertThat(view.entry().definition()).isEqualTo(definition);
        assertThat(view.dueAt()).isEqualTo(due);
        assertThat(view.assignedCsm()).isEqualTo(new Person(world.csm.id(), world.csm.fullName()));
        assertThat(view.escalationUser()).isEqualTo(new Person(world.manager.id(), world.manager.fullName()));
        assertThat(view.escalatedAt()).isEqualTo(at);
        assertThat(views().view(new World(fixture).org, e.id())).isEmpty();
        assertThat(views().organizationOf(e.id())).contains(world.org);
        assertThat(views().organizationOf(ExecutionId.of(world.nextUuid()))).isEmpty();
    }

    @Test
    void theTimelineIsOldestFirstWithNamesAndPagesBySequence() {
        WorkflowDefinition definition = world.definition(WorkflowType.RISK, 900, Map.of(), false);
        Customer customer = world.customer(world.csm, null);
        WorkflowExecution e = world.execution(definition, customer, world.csm, ExecutionStatus.NOT_STARTED, 900, World.T0);
        WorkflowExecution untouched = world.execution(world.definition(WorkflowType.CUSTOM, 500, Map.of(), false),
                customer, world.csm, ExecutionStatus.NOT_STARTED, 500, World.T0);
        List<Transition> steps = List.of(new Transition.Start(), new Transition.Escalate(world.manager.id()),
                new Transition.Snooze(3), new Transition.Wake(), new Transition.Skip("duplicate"));
        List<ExecutionEvent> written = new ArrayList<>();
        WorkflowExecution current = e;
        Instant at = World.T0;
        for (Transition step : steps) {
            at = at.plus(Duration.ofMinutes(5));
            TransitionResult.Applied applied = (TransitionResult.Applied) Lifecycle.apply(current, step,
                    JsonObject.EMPTY, world.csm.id(), at);
            fixture.ports().writer().saveTransition(applied.execution(), current.status(), current.version(),
                    applied.event());
            written.add(applied.event());
            current = fixture.storedExecution(world.org, e.id()).orElseThrow();
        }

        List<HistoryEntry> all = views().history(world.org, e.id(), 0, 100);

        assertThat(all).extracting(HistoryEntry::event).containsExactlyElementsOf(written);
        assertThat(all).extracting(HistoryEntry::actor).containsOnly(new Person(world.csm.id(), world.csm.fullName()));
        assertThat(all.get(1).escalationUser()).isEqualTo(new Person(world.manager.id(), world.manager.fullName()));
        assertThat(all).extracting(HistoryEntry::sequence).isSorted().doesNotHaveDuplicates();
        List<HistoryEntry> first = views().history(world.org, e.id(), 0, 2);
        List<HistoryEntry> rest = views().history(world.org, e.id(), first.get(1).sequence(), 100);
        assertThat(first).hasSize(2);
        assertThat(rest).extracting(HistoryEntry::event).containsExactlyElementsOf(written.subList(2, written.size()));
        assertThat(views().history(world.org, untouched.id(), 0, 100)).isEmpty();
        assertThat(views().history(new World(fixture).org, e.id(), 0, 100)).isEmpty();
    }
}
