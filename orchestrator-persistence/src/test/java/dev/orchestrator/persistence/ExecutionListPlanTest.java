package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.QueryPlans.indexesOn;
import static dev.orchestrator.persistence.QueryPlans.nodeTypes;
import static dev.orchestrator.persistence.QueryPlans.scansOf;
import static dev.orchestrator.persistence.QueryPlans.walk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.priority.PriorityLabel;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.views.ExecutionFilter;
import dev.orchestrator.core.domain.views.ListSort;
import dev.orchestrator.core.domain.views.Visibility;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EXPLAINs the list statements the adapter builds, on ~50,000 executions after ANALYZE (sequential
 * scans not disabled): the pages a dashboard reads (a CSM's work, an admin's organization, the work
 * escalated to someone, in each order, first page and a continued one) are read from V25's index for
 * that scope and key in index order, with no Sort and no sequential scan of workflow_executions, also
 * as a cached generic plan; filtered pages, a team's page, counts and the timeline use an index too (the timeline V9's by_execution index).
 */
@WithPostgres
class ExecutionListPlanTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PriorityPolicy.LabelThresholds LABELS = PriorityPolicy.STANDARD.labels();
    /** What the service counts a total up to. */
    private static final long CAP = dev.orchestrator.core.application.port.in.ViewExecutions.MAX_EXACT_TOTAL + 1;
    private static OrganizationId organization;
    /** An organization with 60,000 customers and no executions, for the name search's plan. */
    private static OrganizationId large;
    private static ProfileId csm;
    private static Set<ProfileId> team;
    private static ProfileId manager;
    private static CustomerId customer;
    private static ExecutionId execution;

    private final TestDatabase db;
    private final DSLContext sql;
    private final JooqExecutionViews views;

    ExecutionListPlanTest(TestDatabase db) {
        this.db = db;
        this.sql = DSL.using(db.dataSource(), SQLDialect.POSTGRES, new Settings().withRenderNamedParamPrefix("$"));
        this.views = new JooqExecutionViews(sql);
    }

    /**
     * 2 organizations × 25 CSMs (5 managers) × 100 customers × 5 definitions: 25,000 open executions,
     * as many finished ones, demo ones, due dates on two in five, escalations on one in twenty, and a
     * four events each for a tenth of them.
     */
    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        try (Connection connection = db.connection(); Statement statement = connection.createStatement()) {
            statement.execute(PlanTestTeams.TEAMS + """
                    INSERT INTO workflow_definitions (organization_id, name, workflow_type, priority_weight, is_demo)
                        SELECT org.id, t, t, w, demo
                        FROM organizations org,
                             (VALUES ('risk', 900), ('opportunity', 800), ('strategic', 700), ('renewal', 600), ('custom', 500)) d(t, w),
                             (VALUES (false), (true)) x(demo);
                    INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                                                     status, snooze_until, priority_score, created_at, due_at, escalation_user_id)
                        SELECT c.organization_id, d.id, c.id, c.csm_id, s.status,
                               CASE WHEN s.status = 'snoozed' THEN now() + random() * interval '20 days' END,
                               d.priority_weight + (random() * 100)::int, now() - random() * interval '300 days',
                               CASE WHEN random() < 0.4 THEN now() + random() * interval '90 days' END,
                               CASE WHEN random() < 0.05 THEN (SELECT manager_id FROM profiles WHERE id = c.csm_id) END
                        FROM customers c JOIN workflow_definitions d ON d.organization_id = c.organization_id AND NOT d.is_demo,
                             LATERAL (SELECT (ARRAY['not_started', 'underway', 'snoozed'])[1 + (abs(hashtext(c.id::text || d.id::text)) % 3)] AS status) s;
                    INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                                                     status, skip_reason, priority_score, created_at)
                        SELECT organization_id, workflow_definition_id, customer_id, assigned_csm_id,
                               CASE WHEN random() < 0.5 THEN 'completed' ELSE 'skipped' END, 'not relevant', priority_score,
                               created_at - interval '30 days'
                        FROM workflow_executions;
                    INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id, is_demo)
                        SELECT c.organization_id, d.id, c.id, c.csm_id, true
                        FROM customers c JOIN workflow_definitions d ON d.organization_id = c.organization_id AND d.is_demo
                        WHERE abs(hashtext(c.id::text)) % 20 = 0;
                    INSERT INTO workflow_execution_events (organization_id, execution_id, action, to_status, occurred_at)
                        SELECT e.organization_id, e.id, 'create', 'not_started', e.created_at + n * interval '1 hour'
                        FROM workflow_executions e, generate_series(1, 4) n WHERE abs(hashtext(e.id::text)) % 10 = 0;
                    INSERT INTO organizations (name) VALUES ('large');
                    INSERT INTO profiles (organization_id, email, full_name, role)
                        SELECT id, 'large@example.org', 'Large CSM', 'csm' FROM organizations WHERE name = 'large';
                    INSERT INTO customers (organization_id, name, csm_id)
                        SELECT p.organization_id, 'account ' || n, p.id FROM profiles p, generate_series(1, 60000) n
                        WHERE p.email = 'large@example.org';
                    ANALYZE;
                    """);
            // As autovacuum leaves a table that is read more than written: index-only scans are possible.
            statement.execute("VACUUM ANALYZE workflow_executions");
            try (ResultSet row = statement.executeQuery("SELECT id FROM organizations WHERE name = 'large'")) {
                row.next();
                large = OrganizationId.of(row.getObject(1, UUID.class));
            }
            try (ResultSet row = statement.executeQuery("""
                    SELECT e.organization_id, e.assigned_csm_id, p.manager_id, e.customer_id, e.id
                    FROM workflow_executions e JOIN profiles p ON p.id = e.assigned_csm_id
                    WHERE NOT e.is_demo ORDER BY e.id LIMIT 1""")) {
                row.next();
                organization = OrganizationId.of(row.getObject(1, UUID.class));
                csm = ProfileId.of(row.getObject(2, UUID.class));
                manager = ProfileId.of(row.getObject(3, UUID.class));
                customer = CustomerId.of(row.getObject(4, UUID.class));
                execution = ExecutionId.of(row.getObject(5, UUID.class));
            }
            team = new HashSet<>(Set.of(manager));
            try (ResultSet rows = statement.executeQuery("SELECT id FROM profiles WHERE manager_id = '" + manager + "'")) {
                while (rows.next()) {
                    team.add(ProfileId.of(rows.getObject(1, UUID.class)));
                }
            }
            try (ResultSet count = statement.executeQuery("SELECT count(*) FROM workflow_executions")) {
                count.next();
                assertThat(count.getLong(1)).as("rows loaded").isGreaterThan(50_000);
            }
        }
    }

    private static Visibility own() {
        return new Visibility.AssignedTo(Set.of(csm));
    }

    private static String index(String scope, ListSort sort) {
        String key = switch (sort) {
            case PRIORITY, PRIORITY_DESCENDING -> "priority";
            case CREATED_AT -> "created";
            case SNOOZE_UNTIL -> "snooze";
            case DUE_AT -> "due";
        };
        return "workflow_executions_list_" + scope + "_" + key;
    }

    /** A position in the middle of a list, as a cursor would carry it. */
    private static ListSort.Position middle(ListSort sort) {
        Instant now = Instant.now();
        Long key = switch (sort) {
            case PRIORITY, PRIORITY_DESCENDING -> 700L;
            case CREATED_AT -> ListSort.micros(now.minusSeconds(150 * 86_400L));
            case SNOOZE_UNTIL -> ListSort.micros(now.plusSeconds(10 * 86_400L));
            case DUE_AT -> ListSort.micros(now.plusSeconds(45 * 86_400L));
        };
        return new ListSort.Position(key, UUID.fromString("80000000-0000-4000-8000-000000000000"));
    }

    @Test
    void aCsmsPagesInEveryOrderAreReadFromTheirIndexInOrder() throws Exception {
        for (ListSort sort : ListSort.values()) {
            for (Optional<ListSort.Position> after : List.of(Optional.<ListSort.Position>empty(),
                    Optional.of(middle(sort)))) {
                JsonNode plan = explain(views.listQuery(organization, own(), ExecutionFilter.NONE, LABELS, sort, after, 26));
                assertReadsInOrder(plan, index("csm", sort), sort + " after " + after);
            }
        }
    }

    @Test
    void anOrganizationsPagesInEveryOrderAreReadFromTheirIndexInOrder() throws Exception {
        for (ListSort sort : ListSort.values()) {
            for (Optional<ListSort.Position> after : List.of(Optional.<ListSort.Position>empty(),
                    Optional.of(middle(sort)))) {
                JsonNode plan = explain(views.listQuery(organization, new Visibility.WholeOrganization(),
                        ExecutionFilter.NONE, LABELS, sort, after, 26));
                assertReadsInOrder(plan, index("org", sort), sort + " after " + after);
            }
        }
    }

    @Test
    void theWorkEscalatedToSomeoneIsReadFromTheEscalationIndexInOrder() throws Exception {
        JsonNode plan = explain(views.listQuery(organization, new Visibility.EscalatedTo(manager), ExecutionFilter.NONE,
                LABELS, ListSort.PRIORITY_DESCENDING, Optional.empty(), 26));
        assertReadsInOrder(plan, "workflow_executions_list_escalated_priority", "escalated");
    }

    @Test
    void theDashboardsFilteredPagesStayOnTheScopesIndex() throws Exception {
        List<ExecutionFilter> filters = List.of(
                statuses(EnumSet.of(ExecutionStatus.NOT_STARTED, ExecutionStatus.UNDERWAY)),
                new ExecutionFilter(Set.of(), Optional.empty(), Optional.of(PriorityLabel.HIGH), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                new ExecutionFilter(Set.of(), Optional.of(WorkflowType.RENEWAL), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                new ExecutionFilter(ExecutionStatus.ACTIVE, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.of(Instant.now().plusSeconds(14 * 86_400)),
                        Optional.empty(), Optional.empty()),
                new ExecutionFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("customer 1")));
        for (ExecutionFilter filter : filters) {
            JsonNode plan = explain(views.listQuery(organization, own(), filter, LABELS, ListSort.PRIORITY_DESCENDING,
                    Optional.empty(), 26));
            // The scope's index, or the queue's (whose order is the score's too) for open statuses: never all rows.
            assertThat(indexesOn(plan, "workflow_executions")).as("%s: %s", filter, plan).isNotEmpty();
            assertThat(scansOf(plan, "Seq Scan")).as("%s: %s", filter, plan).doesNotContain("workflow_executions");
            assertSortsFewRows(plan, filter.toString());
        }
        JsonNode dueSoon = explain(views.listQuery(organization, own(), filters.get(3), LABELS, ListSort.DUE_AT,
                Optional.empty(), 26));
        assertReadsInOrder(dueSoon, index("csm", ListSort.DUE_AT), "due soon");
        JsonNode snoozed = explain(views.listQuery(organization, own(), new ExecutionFilter(Set.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(Instant.now().plusSeconds(3 * 86_400)), Optional.empty()), LABELS, ListSort.SNOOZE_UNTIL,
                Optional.empty(), 26));
        assertThat(indexesOn(snoozed, "workflow_executions")).as("%s", snoozed).isNotEmpty();
        assertSortsFewRows(snoozed, "snoozed soon");
        assertThat(scansOf(snoozed, "Seq Scan")).as("%s", snoozed).doesNotContain("workflow_executions");
    }

    @Test
    void aTeamsPageACustomersPageAndTheCountsUseAnIndex() throws Exception {
        List<Query> queries = new ArrayList<>();
        for (ListSort sort : ListSort.values()) {
            queries.add(views.listQuery(organization, new Visibility.AssignedTo(team), ExecutionFilter.NONE, LABELS,
                    sort, Optional.empty(), 26));
        }
        ExecutionFilter ofCustomer = new ExecutionFilter(Set.of(), Optional.empty(), Optional.empty(),
                Optional.of(customer), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
        queries.add(views.listQuery(organization, new Visibility.WholeOrganization(), ofCustomer, LABELS,
                ListSort.PRIORITY_DESCENDING, Optional.empty(), 26));
        queries.add(views.countQuery(organization, own(), ExecutionFilter.NONE, LABELS, CAP));
        queries.add(views.countQuery(organization, new Visibility.AssignedTo(team), statuses(ExecutionStatus.ACTIVE),
                LABELS, CAP));
        queries.add(views.countQuery(organization, new Visibility.EscalatedTo(manager), ExecutionFilter.NONE, LABELS, CAP));
        queries.add(views.countQuery(organization, own(), new ExecutionFilter(Set.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("customer 1")), LABELS, CAP));
        for (Query query : queries) {
            JsonNode plan = explain(query);
            assertThat(indexesOn(plan, "workflow_executions")).as("%s", plan).isNotEmpty();
            assertThat(scansOf(plan, "Seq Scan")).as("%s", plan).doesNotContain("workflow_executions");
            assertSortsFewRows(plan, "team, customer or count");
        }
    }

    @Test
    void aTeamsPagesInEveryOrderReadEachMembersIndexNotTheOrganizations() throws Exception {
        for (ListSort sort : ListSort.values()) {
            for (Optional<ListSort.Position> after : List.of(Optional.<ListSort.Position>empty(),
                    Optional.of(middle(sort)))) {
                JsonNode plan = explain(views.listQuery(organization, new Visibility.AssignedTo(team),
                        ExecutionFilter.NONE, LABELS, sort, after, 26));
                assertReadsPerMember(plan, sort, "team " + sort + " after " + after);
            }
        }
    }

    @Test
    void theDashboardsFilteredTeamAndEscalatedPagesUseTheirIndexes() throws Exception {
        Visibility ofTeam = new Visibility.AssignedTo(team);
        List<ExecutionFilter> filters = List.of(statuses(EnumSet.of(ExecutionStatus.NOT_STARTED, ExecutionStatus.UNDERWAY)),
                new ExecutionFilter(Set.of(ExecutionStatus.NOT_STARTED), Optional.empty(),
                        Optional.of(PriorityLabel.CRITICAL), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty()),
                new ExecutionFilter(Set.of(), Optional.of(WorkflowType.RISK), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                text("customer 1"));
        for (ExecutionFilter filter : filters) {
            assertReadsPerMember(explain(views.listQuery(organization, ofTeam, filter, LABELS,
                    ListSort.PRIORITY_DESCENDING, Optional.empty(), 26)), ListSort.PRIORITY_DESCENDING, "team " + filter);
        }
        JsonNode escalatedOpen = explain(views.listQuery(organization, new Visibility.EscalatedTo(manager),
                statuses(ExecutionStatus.ACTIVE), LABELS, ListSort.PRIORITY_DESCENDING, Optional.empty(), 26));
        // The status filter leaves a manager a few dozen rows here, so reading the index in order and a
        // bitmap read of it with a top-N sort of those rows cost the same, and the planner picks either
        // (from the sampled statistics): either is served by the index. The unfiltered page must read it in
        // order (theWorkEscalatedToSomeoneIsReadFromTheEscalationIndexInOrder).
        assertThat(indexesOn(escalatedOpen, "workflow_executions")).as("%s", escalatedOpen)
                .containsExactly("workflow_executions_list_escalated_priority");
        assertThat(scansOf(escalatedOpen, "Seq Scan")).as("%s", escalatedOpen).doesNotContain("workflow_executions");
        assertSortsFewRows(escalatedOpen, "escalated, open");
        JsonNode escalatedNamed = explain(views.listQuery(organization, new Visibility.EscalatedTo(manager),
                text("customer 1"), LABELS, ListSort.PRIORITY_DESCENDING, Optional.empty(), 26));
        assertThat(indexesOn(escalatedNamed, "workflow_executions")).as("%s", escalatedNamed).isNotEmpty();
        assertThat(scansOf(escalatedNamed, "Seq Scan")).as("%s", escalatedNamed).doesNotContain("workflow_executions");
        assertSortsFewRows(escalatedNamed, "escalated, named");
    }

    @Test
    void pagesByScoreWithAStatusFilterFindTheirIdsFromThePriorityIndexAlone() throws Exception {
        ExecutionFilter criticalNotStarted = new ExecutionFilter(Set.of(ExecutionStatus.NOT_STARTED), Optional.empty(),
                Optional.of(PriorityLabel.CRITICAL), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        for (Visibility scope : List.of(new Visibility.WholeOrganization(), own())) {
            String name = index(scope instanceof Visibility.WholeOrganization ? "org" : "csm", ListSort.PRIORITY_DESCENDING);
            for (ExecutionFilter filter : List.of(criticalNotStarted, statuses(EnumSet.of(ExecutionStatus.NOT_STARTED)))) {
                JsonNode plan = explain(views.listQuery(organization, scope, filter, LABELS,
                        ListSort.PRIORITY_DESCENDING, Optional.empty(), 26));
                List<String> indexOnly = new ArrayList<>();
                walk(plan, node -> {
                    if (node.get("Node Type").asText().equals("Index Only Scan")) {
                        indexOnly.add(node.path("Index Name").asText());
                    }
                });
                assertThat(indexOnly).as("%s, %s: %s", scope, filter, plan).contains(name);
                assertThat(scansOf(plan, "Seq Scan")).as("%s", plan).doesNotContain("workflow_executions");
                assertSortsFewRows(plan, scope + ", " + filter);
            }
        }
    }

    @Test
    void aNameSearchFindsTheCustomersByTheTrigramIndexAndTheirExecutionsByIndex() throws Exception {
        JsonNode customers;
        try (Connection connection = db.connection()) {
            // In the organization of 60,000 customers: where an index on the organization alone would read them all.
            customers = QueryPlans.explain(connection, sql.renderInlined(views.customerSearchQuery(large,
                    "account 4711")));
        }
        assertThat(indexesOn(customers, "customers")).as("%s", customers).contains("customers_name_trgm");
        assertThat(scansOf(customers, "Seq Scan")).as("%s", customers).doesNotContain("customers");
        for (ListSort sort : ListSort.values()) {
            JsonNode plan = explain(views.listQuery(organization, own(), text("customer 57"), LABELS, sort,
                    Optional.empty(), 26));
            assertThat(indexesOn(plan, "workflow_executions")).as("%s: %s", sort, plan).isNotEmpty();
            assertThat(scansOf(plan, "Seq Scan")).as("%s: %s", sort, plan).doesNotContain("workflow_executions");
            assertSortsFewRows(plan, "q, " + sort);
        }
        // A name nobody has: the page's statement reads no execution at all.
        JsonNode nobody = explain(views.listQuery(organization, new Visibility.WholeOrganization(), text("no such name"),
                LABELS, ListSort.PRIORITY_DESCENDING, Optional.empty(), 26));
        assertThat(indexesOn(nobody, "workflow_executions")).as("%s", nobody).isEmpty();
        assertThat(scansOf(nobody, "Seq Scan")).as("%s", nobody).doesNotContain("workflow_executions");
    }

    /**
     * The total of an organization's whole list (half of the table here) stops at the bound: whichever
     * scan the planner picks (it may read the table in physical order, which meets the organization's
     * rows at once), a Limit of at most CAP rows is above it.
     */
    @Test
    void aBoundedCountOfAWholeOrganizationStopsAtTheBound() throws Exception {
        JsonNode plan = explain(views.countQuery(organization, new Visibility.WholeOrganization(),
                ExecutionFilter.NONE, LABELS, CAP));
        List<Long> limits = new ArrayList<>();
        walk(plan, node -> {
            if (node.get("Node Type").asText().equals("Limit")) {
                limits.add(node.get("Plan Rows").asLong());
            }
        });
        assertThat(limits).as("%s", plan).isNotEmpty().allMatch(rows -> rows <= CAP);
    }

    @Test
    void theTimelineIsReadThroughTheEventsIndexOfItsExecution() throws Exception {
        for (long after : new long[] {0, 1000}) {
            JsonNode plan = explain(views.historyQuery(organization, execution, after, 26));
            List<String> indexes = new ArrayList<>();
            walk(plan, node -> indexes.add(node.path("Index Name").asText()));
            assertThat(indexes).as("%s", plan).contains("workflow_execution_events_by_execution");
            assertThat(scansOf(plan, "Seq Scan")).as("%s", plan).doesNotContain("workflow_execution_events");
        }
    }

    @Test
    void aCachedGenericPlanOfACsmsPageStillReadsItsIndexInOrder() throws Exception {
        for (ListSort sort : List.of(ListSort.PRIORITY_DESCENDING, ListSort.DUE_AT)) {
            Query query = views.listQuery(organization, own(), ExecutionFilter.NONE, LABELS, sort,
                    Optional.of(middle(sort)), 26);
            String text = sql.renderNamedParams(query);
            List<Object> binds = query.getBindValues();
            try (Connection connection = db.connection(); Statement statement = connection.createStatement()) {
                statement.execute("SET plan_cache_mode = force_generic_plan");
                statement.execute("PREPARE page AS " + text);
                List<String> literals = new ArrayList<>();
                for (Object bind : binds) {
                    literals.add("'" + bind + "'");
                }
                try (ResultSet rows = statement.executeQuery("EXPLAIN (FORMAT JSON) EXECUTE page("
                        + String.join(", ", literals) + ")")) {
                    rows.next();
                    assertReadsInOrder(QueryPlans.parse(rows.getString(1)), index("csm", sort),
                            "generic " + sort);
                }
                statement.execute("DEALLOCATE page");
            }
        }
    }

    private static ExecutionFilter statuses(Set<ExecutionStatus> statuses) {
        return new ExecutionFilter(statuses, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static ExecutionFilter text(String q) {
        return new ExecutionFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(q));
    }

    /**
     * A team's page: each member's rows from their own index (the CSM index of the key), never the
     * organization's; the merge sorts at most members × limit rows.
     */
    private static void assertReadsPerMember(JsonNode plan, ListSort sort, String what) {
        List<String> indexes = indexesOn(plan, "workflow_executions");
        assertThat(indexes).as("%s: %s", what, plan).doesNotContain(index("org", sort));
        assertThat(indexes.stream().filter(i -> i.startsWith("workflow_executions_list_csm_")
                || i.equals("workflow_executions_production_queue")).toList()).as("%s: %s", what, plan).isNotEmpty();
        assertThat(scansOf(plan, "Seq Scan")).as("%s: %s", what, plan).doesNotContain("workflow_executions");
        assertSortsFewRows(plan, what);
    }

    /** A selective filter may have the planner sort what the index found: then only a few rows. */
    private static void assertSortsFewRows(JsonNode plan, String what) {
        walk(plan, node -> {
            if (node.get("Node Type").asText().equals("Sort")) {
                assertThat(node.get("Plan Rows").asLong()).as("%s sorts at most 1,000 rows: %s", what, plan)
                        .isLessThanOrEqualTo(1000);
            }
        });
    }

    private static void assertReadsInOrder(JsonNode plan, String index, String what) {
        assertThat(indexesOn(plan, "workflow_executions")).as("%s: %s", what, plan).containsExactly(index);
        assertThat(nodeTypes(plan)).as("%s: %s", what, plan).doesNotContain("Sort", "Incremental Sort");
        assertThat(scansOf(plan, "Seq Scan")).as("%s: %s", what, plan).doesNotContain("workflow_executions");
    }

    private JsonNode explain(Query query) throws Exception {
        try (Connection connection = db.connection()) {
            return QueryPlans.explain(connection, sql.renderInlined(query));
        }
    }

}
