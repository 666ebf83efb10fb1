package dev.orchestrator.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.lifecycle.Lifecycle;
import dev.orchestrator.core.domain.lifecycle.Transition;
import dev.orchestrator.core.domain.lifecycle.TransitionResult;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.priority.PriorityLabel;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.scope.WorkScope;
import dev.orchestrator.core.domain.team.TeamWindows;
import dev.orchestrator.core.domain.views.ExecutionFilter;
import dev.orchestrator.core.domain.views.ListSort;
import dev.orchestrator.core.domain.views.Visibility;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.persistence.RenderedOnce.Binds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Statements rendered once per shape ({@link RenderedOnce}) are exactly the statements rendered each time:
 * for thousands of random list, count and team statements sharing one cache, the kept SQL is the statement's
 * own rendering (so no two statements of different SQL share a shape), and run with the call's values it binds
 * exactly what the statement binds, in the same order (so the positions kept are right for every call).
 */
class RenderedOnceTest {

    private static final DSLContext SQL = DSL.using(SQLDialect.POSTGRES,
            new Settings().withExecuteLogging(false).withRenderSchema(false));
    private static final List<UUID> IDS = ids(12);
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final Random random = new Random(2026);
    private final RenderedOnce cache = new RenderedOnce(SQL);
    private final JooqExecutionViews views = new JooqExecutionViews(SQL);
    private final SqlTeamViews teams = new SqlTeamViews(SQL);

    @Test
    void randomListAndCountStatementsRenderAsTheirShapesKeptSql() {
        Set<String> shapes = new HashSet<>();
        for (int i = 0; i < 2_500; i++) {
            OrganizationId organization = OrganizationId.of(pick(IDS));
            Visibility visibility = visibility();
            ExecutionFilter filter = filter();
            JooqExecutionViews.TextMatch text = filter.text().map(this::textMatch).orElse(null);
            PriorityPolicy.LabelThresholds labels = random.nextBoolean() ? PriorityPolicy.STANDARD.labels()
                    : new PriorityPolicy.LabelThresholds(90 + random.nextInt(5), 70, 40);
            Binds binds;
            Query query;
            if (random.nextInt(3) == 0) {
                binds = new Binds("count");
                query = views.countQuery(binds, organization, visibility, filter, labels, text,
                        random.nextBoolean() ? 1_001 : Long.MAX_VALUE);
            } else {
                ListSort sort = pick(List.of(ListSort.values()));
                binds = new Binds("list");
                query = views.listStatement(binds, organization, visibility, filter, labels, text, sort,
                        random.nextBoolean() ? Optional.empty() : Optional.of(position(sort)),
                        pick(List.of(2, 26, 101)));
            }
            assertSameAsRenderedEachTime(binds, query);
            shapes.add(binds.shape());
        }
        // the random statements repeat shapes (the cache is used) and vary them (many shapes are compared)
        assertThat(shapes.size()).isBetween(200, 2_450);
    }

    @Test
    void randomTeamStatementsRenderAsTheirShapesKeptSql() {
        for (int i = 0; i < 300; i++) {
            Set<ProfileId> members = new HashSet<>();
            int size = 1 + random.nextInt(6);
            while (members.size() < size) {
                members.add(ProfileId.of(pick(IDS)));
            }
            PriorityPolicy.LabelThresholds labels = random.nextBoolean() ? PriorityPolicy.STANDARD.labels()
                    : new PriorityPolicy.LabelThresholds(85 + random.nextInt(3), 60, 30);
            Binds binds = new Binds("team");
            Query query = teams.query(binds, OrganizationId.of(pick(IDS)), members,
                    new TeamWindows(Instant.parse("2026-03-02T09:00:00Z").plusSeconds(random.nextInt(100_000))), labels);
            assertSameAsRenderedEachTime(binds, query);
        }
    }

    /**
     * A transition's statements (the guarded UPDATE with its event's INSERT, the read of the execution) through
     * a chain of random transitions: every state an execution passes through (snoozed with a risk score,
     * escalated and acknowledged, skipped with a code, reassigned, completed) renders as the one kept shape.
     */
    @Test
    void randomTransitionsRenderAsTheirShapesKeptSql() {
        JooqExecutionLookup lookup = new JooqExecutionLookup(SQL);
        Set<String> shapes = new HashSet<>();
        for (int chain = 0; chain < 60; chain++) {
            WorkflowExecution current = WorkflowExecution.create(ExecutionId.of(pick(IDS)), OrganizationId.of(pick(IDS)),
                    DefinitionId.of(pick(IDS)), CustomerId.of(pick(IDS)), ProfileId.of(pick(IDS)), random.nextBoolean(),
                    random.nextInt(1_000), T0);
            for (int step = 0; step < 8; step++) {
                Instant at = T0.plusSeconds(60L * (chain * 10 + step + 1));
                TransitionResult result = Lifecycle.apply(current, transition(), null, ProfileId.of(pick(IDS)), at);
                if (!(result instanceof TransitionResult.Applied applied)) {
                    continue;
                }
                Binds update = new Binds("transition");
                assertSameAsRenderedEachTime(update, JooqExecutionWriter.guardedWrite(SQL, update, applied.execution(),
                        current.status(), current.version(), applied.event(),
                        random.nextBoolean() ? null : random.nextInt(100)));
                Binds read = new Binds("execution");
                assertSameAsRenderedEachTime(read, lookup.findQuery(read, current.organizationId(), current.id()));
                shapes.add(update.shape());
                current = applied.execution().withVersion(current.version() + 1);
            }
        }
        assertThat(shapes).as("one shape, whatever the transition").hasSize(1);
    }

    /**
     * The scoped re-scoring of a signal or catalog write (JooqCatalogWrites), its SQL kept per policy, day
     * and scope shape: random customer sets, definition scopes, policies and days render as their kept SQL,
     * so the inlined policy and day are part of the shape (without the marks two policies would share one).
     */
    @Test
    void randomScopedRescoringsRenderAsTheirShapesKeptSql() {
        Set<String> shapes = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            OrganizationId organization = OrganizationId.of(pick(IDS));
            WorkScope scope;
            if (random.nextInt(4) == 0) {
                scope = WorkScope.definition(organization, DefinitionId.of(pick(IDS)));
            } else {
                Set<CustomerId> customers = new HashSet<>();
                int size = 1 + random.nextInt(random.nextBoolean() ? 2 : 900);
                while (customers.size() < Math.min(size, IDS.size())) {
                    customers.add(CustomerId.of(pick(IDS)));
                }
                scope = WorkScope.customers(organization, customers);
            }
            PriorityPolicy policy = random.nextBoolean() ? PriorityPolicy.STANDARD : changed(PriorityPolicy.STANDARD,
                    1 + random.nextInt(3));
            java.time.LocalDate today = java.time.LocalDate.of(2026, 3, 1).plusDays(random.nextInt(3));
            Binds binds = new Binds("rescored").mark(policy).mark(today);
            assertSameAsRenderedEachTime(binds, SqlPriorityRecomputation.rescored(SQL, binds, scope, policy, today));
            shapes.add(binds.shape());
        }
        // two scope kinds x four policies x three days, each seen many times
        assertThat(shapes.size()).isBetween(12, 24);
    }

    private static PriorityPolicy changed(PriorityPolicy p, int by) {
        return new PriorityPolicy(p.typeTiers(), p.revenueImpactPointsPerTier() + by, p.churnRiskPointsPerPoint() + by,
                p.churnRiskTypes(), p.usageScoreDivisor(), p.usageTypes(), p.snooze(), p.labels(), p.due());
    }

    private Transition transition() {
        return switch (random.nextInt(9)) {
            case 0 -> new Transition.Start();
            case 1 -> new Transition.Complete();
            case 2 -> new Transition.Snooze(1 + random.nextInt(30), random.nextBoolean() ? "waiting_on_customer" : null,
                    random.nextBoolean() ? "back \u00e9 later" : null);
            case 3 -> new Transition.Skip("not now", random.nextBoolean() ? "not_relevant" : null, null);
            case 4 -> new Transition.Escalate(ProfileId.of(pick(IDS)));
            case 5 -> new Transition.Acknowledge(random.nextBoolean() ? "on it" : null);
            case 6 -> new Transition.Resolve(null);
            case 7 -> new Transition.Wake();
            default -> new Transition.Reassign(ProfileId.of(pick(IDS)));
        };
    }

    @Test
    void aValueBoundWithoutItsBindsIsRefused() {
        Binds binds = new Binds("careless");
        Query query = SQL.selectOne().from(EntrySql.E).where(EntrySql.E.ID.eq(binds.val(IDS.get(0), EntrySql.E.ID)))
                .and(EntrySql.E.ORGANIZATION_ID.eq(IDS.get(1)));
        assertThatThrownBy(() -> cache.rendered(binds, query)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not made by its Binds");
    }

    private void assertSameAsRenderedEachTime(Binds binds, Query query) {
        String own = SQL.render(query);
        RenderedOnce.Rendered kept = cache.rendered(binds, query);
        assertThat(kept.sql()).as("shape %s", binds.shape()).isEqualTo(own);
        ResultQuery<?> run = SQL.resultQuery(kept.sql(), binds.bindings(kept.slots()));
        assertThat(run.getBindValues()).as("shape %s", binds.shape()).isEqualTo(query.getBindValues());
        // run as plain SQL, jOOQ casts an array's ? once more (cast(cast(? as uuid[]) as uuid[])): the same value
        assertThat(SQL.render(run).replaceAll("cast\\(cast\\(\\? as ([a-z ]+\\[\\])\\) as \\1\\)", "cast(? as $1)"))
                .as("shape %s", binds.shape()).isEqualTo(own);
    }

    private Visibility visibility() {
        return switch (random.nextInt(4)) {
            case 0 -> new Visibility.WholeOrganization();
            case 1 -> new Visibility.AssignedTo(Set.of(ProfileId.of(pick(IDS))));
            case 2 -> {
                Set<ProfileId> team = new HashSet<>();
                int size = 2 + random.nextInt(4);
                while (team.size() < size) {
                    team.add(ProfileId.of(pick(IDS)));
                }
                yield new Visibility.AssignedTo(team);
            }
            default -> new Visibility.EscalatedTo(ProfileId.of(pick(IDS)));
        };
    }

    private ExecutionFilter filter() {
        Set<ExecutionStatus> statuses = EnumSet.noneOf(ExecutionStatus.class);
        if (random.nextBoolean()) {
            for (ExecutionStatus status : ExecutionStatus.values()) {
                if (random.nextInt(3) == 0) {
                    statuses.add(status);
                }
            }
        }
        return new ExecutionFilter(statuses, maybe(() -> pick(List.of(WorkflowType.values()))),
                maybe(() -> pick(List.of(PriorityLabel.values()))), maybe(() -> CustomerId.of(pick(IDS))),
                maybe(() -> ProfileId.of(pick(IDS))), maybe(() -> DefinitionId.of(pick(IDS))),
                maybe(() -> Instant.parse("2026-03-02T09:00:00Z").plusSeconds(random.nextInt(1_000_000))),
                maybe(() -> Instant.parse("2026-04-02T09:00:00Z").plusSeconds(random.nextInt(1_000_000))),
                maybe(() -> pick(List.of("acme", "50%_off\\", "Customer 1"))));
    }

    private JooqExecutionViews.TextMatch textMatch(String text) {
        int customers = pick(List.of(0, 1, 3, 1_001));
        int definitions = pick(List.of(0, 2, 1_001));
        return new JooqExecutionViews.TextMatch(text, ids(customers), customers > 1_000, ids(definitions),
                definitions > 1_000);
    }

    private ListSort.Position position(ListSort sort) {
        Long key = switch (sort) {
            case PRIORITY, PRIORITY_DESCENDING -> (long) random.nextInt(100);
            case CREATED_AT -> ListSort.micros(Instant.parse("2026-03-02T09:00:00Z").plusSeconds(random.nextInt(9_999)));
            case SNOOZE_UNTIL, DUE_AT -> random.nextBoolean() ? null
                    : ListSort.micros(Instant.parse("2026-03-02T09:00:00Z").plusSeconds(random.nextInt(9_999)));
        };
        return new ListSort.Position(key, pick(IDS));
    }

    private <T> Optional<T> maybe(java.util.function.Supplier<T> value) {
        return random.nextInt(3) == 0 ? Optional.of(value.get()) : Optional.empty();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static List<UUID> ids(int n) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(new UUID(0x0194_0000_0000_7000L + i, 0x8000_0000_0000_0000L + i));
        }
        return ids;
    }
}
