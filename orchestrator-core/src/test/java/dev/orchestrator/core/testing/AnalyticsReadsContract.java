package dev.orchestrator.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.out.AnalyticsReads;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.analytics.AnalyticsFactKind;
import dev.orchestrator.core.domain.analytics.AnalyticsFacts;
import dev.orchestrator.core.domain.analytics.AnalyticsGrouping;
import dev.orchestrator.core.domain.analytics.AnalyticsPeriod;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.lifecycle.ExecutionEvent;
import dev.orchestrator.core.domain.views.Visibility;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@code AnalyticsReads}: the totals are exactly {@link AnalyticsFacts#totals} over the
 * stored executions and their stored histories, on random histories with events on both sides of the
 * period's edges, for every grouping and scope; other organizations and demo work are not counted.
 */
public abstract class AnalyticsReadsContract extends PortContract {

    private static final AnalyticsPeriod PERIOD = new AnalyticsPeriod(LocalDate.of(2026, 3, 9), LocalDate.of(2026, 4, 7));
    private static final String[] CODES = {AnalyticsFacts.NOT_RELEVANT, "duplicate", "other", null};

    private AnalyticsReads analytics() {
        return fixture.ports().analytics();
    }

    private final Map<DefinitionId, WorkflowType> types = new HashMap<>();
    private final Map<ExecutionId, Instant> dueAts = new HashMap<>();

    @Test
    void theTotalsAreTheCoreRulesOnRandomHistories() {
        Random random = new Random(14);
        List<WorkflowDefinition> definitions = new ArrayList<>();
        for (WorkflowType type : WorkflowType.values()) {
            definitions.add(definition(type, false));
        }
        definitions.add(definition(WorkflowType.RISK, false));
        WorkflowDefinition demo = definition(WorkflowType.STRATEGIC, true);
        Profile[] owners = {world.csm, world.teammate, world.outsider, world.manager};
        for (int i = 0; i < 160; i++) {
            WorkflowDefinition definition = random.nextInt(20) == 0 ? demo : definitions.get(random.nextInt(definitions.size()));
            randomHistory(random, definition, owners[random.nextInt(owners.length)]);
        }
        World other = new World(fixture);
        WorkflowDefinition elsewhere = other.definition(WorkflowType.RISK, 900, Map.of(), false);
        WorkflowExecution outside = WorkflowExecution.create(ExecutionId.of(other.nextUuid()), other.org,
                elsewhere.id(), other.customer(other.csm, null).id(), other.csm.id(), false, 900,
                PERIOD.start().plus(Duration.ofDays(2)));
        fixture.ports().writer().insertNew(List.of(outside),
                List.of(ExecutionEvent.created(outside.id(), other.org, null, outside.createdAt())));

        Instant asOf = PERIOD.start().plus(Duration.ofDays(20)).plusSeconds(1234);
        List<AnalyticsFacts.History> histories = histories();
        List<Visibility> scopes = List.of(new Visibility.WholeOrganization(),
                new Visibility.AssignedTo(Set.of(world.manager.id(), world.csm.id(), world.teammate.id())),
                new Visibility.AssignedTo(Set.of(world.outsider.id())));
        List<Optional<AnalyticsGrouping>> groupings = new ArrayList<>();
        groupings.add(Optional.empty());
        Stream.of(AnalyticsGrouping.values()).forEach(g -> groupings.add(Optional.of(g)));
        for (Visibility scope : scopes) {
            for (Optional<AnalyticsGrouping> grouping : groupings) {
                AnalyticsFacts.Totals expected = AnalyticsFacts.totals(histories, scope, PERIOD, grouping, asOf);
                AnalyticsFacts.Totals actual = analytics().totals(world.org, scope, PERIOD, grouping, asOf);
                assertThat(sorted(actual)).as("totals for %s by %s", scope, grouping).isEqualTo(sorted(expected));
            }
        }
        AnalyticsFacts.Totals all = AnalyticsFacts.totals(histories, new Visibility.WholeOrganization(), PERIOD,
                Optional.empty(), asOf);
        assertThat(all.totals()).extracting(AnalyticsFacts.Total::kind).as("every kind is exercised")
                .contains(AnalyticsFactKind.values());
        assertThat(all.totals()).filteredOn(t -> t.kind() == AnalyticsFactKind.SKIPPED)
                .extracting(AnalyticsFacts.Total::code).as("skips with each code").contains(CODES);
        assertThat(all.noise()).filteredOn(n -> n.noisy() > 0 && n.noisy() < n.ended()).isNotEmpty();
        assertThat(analytics().totals(other.org, new Visibility.WholeOrganization(), PERIOD, Optional.empty(), asOf)
                .totals()).extracting(AnalyticsFacts.Total::kind).containsExactly(AnalyticsFactKind.CREATED);
    }

    @Test
    void aWorkedExample() {
        WorkflowDefinition risk = definition(WorkflowType.RISK, false);
        Instant t = PERIOD.start().plus(Duration.ofDays(1));
        // created, started 2 h later, completed 10 h after creation
        WorkflowExecution a = created(risk, world.csm, t);
        a = step(a, Action.START, world.csm.id(), t.plus(Duration.ofHours(2)), null);
        a = step(a, Action.COMPLETE, world.csm.id(), t.plus(Duration.ofHours(10)), null);
        // created, auto-closed 3 days later by the daily job
        WorkflowExecution b = created(risk, world.csm, t);
        step(b, Action.SKIP, null, t.plus(Duration.ofDays(3)), null);
        // created before the period, skipped as not relevant inside it, 5 days old
        WorkflowExecution c = created(risk, world.csm, PERIOD.start().minus(Duration.ofDays(2)));
        step(c, Action.SKIP, world.csm.id(), PERIOD.start().plus(Duration.ofDays(3)), AnalyticsFacts.NOT_RELEVANT);

        AnalyticsFacts.Totals totals = analytics().totals(world.org, new Visibility.WholeOrganization(), PERIOD,
                Optional.empty(), PERIOD.end());

        assertThat(sorted(totals).totals()).containsExactly(
                new AnalyticsFacts.Total(Optional.empty(), AnalyticsFactKind.AUTO_CLOSED, null, 1, 3 * 86_400L,
                        3 * 86_400L),
                new AnalyticsFacts.Total(Optional.empty(), AnalyticsFactKind.COMPLETED, null, 1, 36_000L, 36_000L),
                new AnalyticsFacts.Total(Optional.empty(), AnalyticsFactKind.CREATED, null, 2, null, null),
                new AnalyticsFacts.Total(Optional.empty(), AnalyticsFactKind.SKIPPED, AnalyticsFacts.NOT_RELEVANT, 1,
                        5 * 86_400L, 5 * 86_400L),
                new AnalyticsFacts.Total(Optional.empty(), AnalyticsFactKind.STARTED, null, 1, 7_200L, 7_200L));
        assertThat(totals.noise()).containsExactly(new AnalyticsFacts.Noise(risk.id(), 3, 2, 3 * 86_400L));
    }

    // ---- data ----------------------------------------------------------------------------------

    private WorkflowDefinition definition(WorkflowType type, boolean demo) {
        WorkflowDefinition d = world.definition(type, 600, Map.of(), demo);
        types.put(d.id(), type);
        return d;
    }

    private WorkflowExecution created(WorkflowDefinition definition, Profile owner, Instant at) {
        Customer customer = world.customer(owner, null);
        WorkflowExecution e = WorkflowExecution.create(ExecutionId.of(world.nextUuid()), world.org, definition.id(),
                customer.id(), owner.id(), definition.demo(), 500, at);
        assertThat(fixture.ports().writer().insertNew(List.of(e),
                List.of(ExecutionEvent.created(e.id(), world.org, null, at)))).hasSize(1);
        return fixture.storedExecution(world.org, e.id()).orElseThrow();
    }

    /** One more event of {@code e}'s history, and the execution as it leaves it. */
    private WorkflowExecution step(WorkflowExecution e, Action action, ProfileId actor, Instant at, String code) {
        WorkflowExecution.Changes changes = e.change();
        ExecutionStatus to = e.status();
        ProfileId escalatedTo = null;
        Integer days = null;
        switch (action) {
            case START -> {
                to = ExecutionStatus.UNDERWAY;
                changes.status(to).startedAt(e.startedAt() == null ? at : e.startedAt());
            }
            case COMPLETE -> {
                to = ExecutionStatus.COMPLETED;
                changes.status(to).completedAt(at);
            }
            case SKIP -> {
                to = ExecutionStatus.SKIPPED;
                changes.status(to).skipped(at, "skipped").reasonCode(code);
            }
            case SNOOZE -> {
                to = ExecutionStatus.SNOOZED;
                days = 3;
                changes.status(to).snooze(at.plus(Duration.ofDays(3)), 3, at);
            }
            case ESCALATE -> {
                escalatedTo = world.manager.id();
                changes.escalationUserId(escalatedTo);
            }
            default -> { }
        }
        WorkflowExecution next = changes.at(at);
        ExecutionEvent event = new ExecutionEvent(e.id(), world.org, actor, action, e.status(), to, days, null,
                escalatedTo, at, null, null, code, null);
        assertThat(fixture.ports().writer().saveTransition(next, e.status(), e.version(), event))
                .isInstanceOf(dev.orchestrator.core.application.port.out.ExecutionWriter.SaveResult.Saved.class);
        return fixture.storedExecution(world.org, e.id()).orElseThrow();
    }

    /** A random life: created around the period, then starts, snoozes, escalations, acknowledgements and an end. */
    private void randomHistory(Random random, WorkflowDefinition definition, Profile owner) {
        Instant created = PERIOD.start().minus(Duration.ofDays(12))
                .plus(Duration.ofMinutes(random.nextInt(60 * 24 * 50))).plusNanos(random.nextInt(1_000_000) * 1_000L);
        WorkflowExecution e;
        if (random.nextInt(10) == 0) {
            // imported: no create event
            Customer customer = world.customer(owner, null);
            e = WorkflowExecution.create(ExecutionId.of(world.nextUuid()), world.org, definition.id(), customer.id(),
                    owner.id(), definition.demo(), 500, created);
            fixture.givenExecution(e);
        } else {
            e = created(definition, owner, created);
        }
        if (random.nextInt(5) < 2) {
            Instant due = PERIOD.start().minus(Duration.ofDays(3)).plus(Duration.ofMinutes(random.nextInt(60 * 24 * 36)));
            fixture.givenDueAt(world.org, e.id(), due);
            dueAts.put(e.id(), due);
        }
        Instant at = created;
        boolean escalated = false;
        int steps = random.nextInt(7);
        for (int i = 0; i < steps; i++) {
            // Some steps at the very same instant, most hours or days apart.
            at = at.plus(random.nextInt(8) == 0 ? Duration.ZERO
                    : Duration.ofMinutes(1 + random.nextInt(60 * 72)).plusNanos(random.nextInt(1_000) * 1_000L));
            List<Action> possible = new ArrayList<>();
            switch (e.status()) {
                case NOT_STARTED -> possible.addAll(List.of(Action.START, Action.SNOOZE, Action.SKIP, Action.ESCALATE));
                case UNDERWAY -> possible.addAll(List.of(Action.COMPLETE, Action.COMPLETE, Action.SNOOZE, Action.SKIP,
                        Action.ESCALATE));
                case SNOOZED -> possible.addAll(List.of(Action.START, Action.SKIP, Action.ESCALATE));
                default -> { }
            }
            if (escalated) {
                possible.add(Action.ACKNOWLEDGE);
            }
            if (possible.isEmpty()) {
                break;
            }
            Action action = possible.get(random.nextInt(possible.size()));
            boolean bySystem = action == Action.SKIP && random.nextInt(3) == 0;
            String code = action == Action.SKIP && !bySystem ? CODES[random.nextInt(CODES.length)] : null;
            e = step(e, action, bySystem ? null : owner.id(), at, code);
            escalated |= action == Action.ESCALATE;
        }
    }

    private List<AnalyticsFacts.History> histories() {
        return fixture.storedExecutions(world.org).stream()
                .map(e -> new AnalyticsFacts.History(e, types.get(e.definitionId()), dueAts.get(e.id()),
                        fixture.eventsOf(world.org, e.id())))
                .toList();
    }

    private static AnalyticsFacts.Totals sorted(AnalyticsFacts.Totals totals) {
        Comparator<AnalyticsFacts.Total> order = Comparator
                .comparing((AnalyticsFacts.Total t) -> t.group().orElse(""))
                .thenComparing(t -> t.kind().wireName())
                .thenComparing(t -> String.valueOf(t.code()));
        return new AnalyticsFacts.Totals(totals.totals().stream().sorted(order).toList(),
                totals.noise().stream().sorted(Comparator.comparing(n -> n.definition().value())).toList());
    }
}
