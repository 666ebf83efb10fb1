package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.EntrySql.D;
import static dev.orchestrator.persistence.EntrySql.E;
import static dev.orchestrator.persistence.jooq.Tables.CUSTOMERS;
import static dev.orchestrator.persistence.jooq.Tables.PROFILES;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITIONS;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTION_EVENTS;

import dev.orchestrator.core.application.port.out.ExecutionViews;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.escalation.EscalationState;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.lifecycle.ExecutionEvent;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.views.ExecutionFilter;
import dev.orchestrator.core.domain.views.ExecutionView;
import dev.orchestrator.core.domain.views.HistoryEntry;
import dev.orchestrator.core.domain.views.ListSort;
import dev.orchestrator.core.domain.views.Person;
import dev.orchestrator.core.domain.views.ScoreRange;
import dev.orchestrator.core.domain.views.Visibility;
import dev.orchestrator.persistence.jooq.tables.Customers;
import dev.orchestrator.persistence.jooq.tables.Profiles;
import dev.orchestrator.persistence.jooq.tables.WorkflowDefinitions;
import dev.orchestrator.persistence.jooq.tables.WorkflowExecutionEvents;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JoinType;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.SelectQuery;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import dev.orchestrator.persistence.RenderedOnce.Binds;

/**
 * The work views on PostgreSQL. A list page is one statement: the queue's entry shape
 * ({@link EntrySql}) with the assigned CSM's and the escalation user's names, the filters of
 * {@link ExecutionFilter#matches} as conditions, and the keyset continuation of {@link ListSort}
 * as one row comparison on (key, id), so that V25's indexes serve it in order. Literals where a
 * partial index must match ({@code is_demo = false}, statuses); everything the caller sends is bound.
 */
final class JooqExecutionViews implements ExecutionViews {

    private static final Profiles A = PROFILES.as("a");
    private static final Profiles X = PROFILES.as("x");
    private static final Field<String> ASSIGNED_NAME = A.FULL_NAME.as("assigned_csm_name");
    private static final Field<String> ESCALATION_NAME = X.FULL_NAME.as("escalation_user_name");

    private static final WorkflowExecutionEvents V = WORKFLOW_EXECUTION_EVENTS.as("v");
    private static final Profiles ACTOR = PROFILES.as("pa");
    private static final Profiles ESCALATED = PROFILES.as("pe");
    private static final Profiles FROM_CSM = PROFILES.as("pf");
    private static final Profiles TO_CSM = PROFILES.as("pt");

    /** Rows without the date sort after every date: the same expression V25's indexes hold. */
    private static final Field<OffsetDateTime> INFINITY =
            DSL.field("'infinity'::timestamptz", SQLDataType.TIMESTAMPWITHTIMEZONE);
    static final Field<OffsetDateTime> DUE_KEY = DSL.coalesce(E.DUE_AT, INFINITY);
    static final Field<OffsetDateTime> SNOOZE_KEY = DSL.coalesce(E.SNOOZE_UNTIL, INFINITY);

    /** Matching customers (or definitions) up to which {@code q} becomes a list of their ids. */
    private static final int MAX_LISTED_MATCHES = 1_000;

    private final DSLContext sql;
    /** The list's, the count's and the name look-up's statements, rendered once per shape. */
    private final RenderedOnce statements;

    JooqExecutionViews(DSLContext sql) {
        this.sql = sql;
        this.statements = new RenderedOnce(sql);
    }

    @Override
    public Optional<ExecutionView> view(OrganizationId organizationId, ExecutionId id) {
        Field<OffsetDateTime> escalatedAt = DSL.field(DSL.select(DSL.max(V.OCCURRED_AT)).from(V)
                .where(V.ORGANIZATION_ID.eq(E.ORGANIZATION_ID)).and(V.EXECUTION_ID.eq(E.ID))
                .and(V.ACTION.eq(DSL.inline(Action.ESCALATE, V.ACTION)))).as("escalated_at");
        SelectQuery<Record> query = entries();
        query.addSelect(escalatedAt);
        query.addConditions(E.ORGANIZATION_ID.eq(organizationId.value()), E.ID.eq(id.value()));
        return query.fetchOptional(r -> view(r, Codes.instant(r.get(escalatedAt))));
    }

    @Override
    public List<HistoryEntry> history(OrganizationId organizationId, ExecutionId id, long afterSequence, int limit) {
        return historyQuery(organizationId, id, afterSequence, limit)
                .fetch(r -> new HistoryEntry(r.get(V.ID), new ExecutionEvent(
                        ExecutionId.of(r.get(V.EXECUTION_ID)), OrganizationId.of(r.get(V.ORGANIZATION_ID)),
                        profile(r.get(V.ACTOR_PROFILE_ID)), r.get(V.ACTION), r.get(V.FROM_STATUS), r.get(V.TO_STATUS),
                        r.get(V.DAYS), r.get(V.REASON), profile(r.get(V.ESCALATION_USER_ID)),
                        Codes.instant(r.get(V.OCCURRED_AT)), profile(r.get(V.FROM_CSM_ID)), profile(r.get(V.TO_CSM_ID)),
                        r.get(V.REASON_CODE), r.get(V.NOTE)),
                        person(r.get(V.ACTOR_PROFILE_ID), r.get(ACTOR.FULL_NAME)),
                        person(r.get(V.ESCALATION_USER_ID), r.get(ESCALATED.FULL_NAME)),
                        person(r.get(V.FROM_CSM_ID), r.get(FROM_CSM.FULL_NAME)),
                        person(r.get(V.TO_CSM_ID), r.get(TO_CSM.FULL_NAME))));
    }

    /** The statement {@link #history} runs (for EXPLAIN tests). */
    org.jooq.ResultQuery<Record> historyQuery(OrganizationId organizationId, ExecutionId id, long afterSequence,
            int limit) {
        return sql.select(V.fields())
                .select(ACTOR.FULL_NAME, ESCALATED.FULL_NAME, FROM_CSM.FULL_NAME, TO_CSM.FULL_NAME)
                .from(V)
                .leftJoin(ACTOR).on(ACTOR.ORGANIZATION_ID.eq(V.ORGANIZATION_ID)).and(ACTOR.ID.eq(V.ACTOR_PROFILE_ID))
                .leftJoin(ESCALATED).on(ESCALATED.ORGANIZATION_ID.eq(V.ORGANIZATION_ID))
                .and(ESCALATED.ID.eq(V.ESCALATION_USER_ID))
                .leftJoin(FROM_CSM).on(FROM_CSM.ORGANIZATION_ID.eq(V.ORGANIZATION_ID)).and(FROM_CSM.ID.eq(V.FROM_CSM_ID))
                .leftJoin(TO_CSM).on(TO_CSM.ORGANIZATION_ID.eq(V.ORGANIZATION_ID)).and(TO_CSM.ID.eq(V.TO_CSM_ID))
                .where(V.ORGANIZATION_ID.eq(organizationId.value()))
                .and(V.EXECUTION_ID.eq(id.value()))
                .and(V.ID.gt(afterSequence))
                .orderBy(V.ID)
                .limit(DSL.inline(limit));
    }

    @Override
    public List<ExecutionView> list(OrganizationId organizationId, Visibility visibility, ExecutionFilter filter,
            PriorityPolicy.LabelThresholds labels, ListSort sort, Optional<ListSort.Position> after, int limit) {
        TextMatch text = textMatch(organizationId, filter.text());
        Binds binds = new Binds("list");
        SelectQuery<Record> query = listStatement(binds, organizationId, visibility, filter, labels, text, sort, after,
                limit);
        // read by position straight into the entry's own columns: no copy, and each column found by identity
        return statements.fetch(binds, query, VIEW_COLUMNS).map(r -> view(r, null));
    }

    /**
     * The statement {@link #list} runs (for EXPLAIN tests), with its columns under their own names. With
     * {@code q} it first looks up the matching customers and definitions ({@link #textMatch}), so that the
     * page's statement filters on their ids.
     */
    SelectQuery<Record> listQuery(OrganizationId organizationId, Visibility visibility, ExecutionFilter filter,
            PriorityPolicy.LabelThresholds labels, ListSort sort, Optional<ListSort.Position> after, int limit) {
        return listQuery(new Binds("list"), entries(), organizationId, visibility, filter, labels,
                textMatch(organizationId, filter.text()), sort, after, limit);
    }

    /** The statement {@link #list} runs, every value made by {@code binds} (for RenderedOnceTest). */
    SelectQuery<Record> listStatement(Binds binds, OrganizationId organizationId, Visibility visibility,
            ExecutionFilter filter, PriorityPolicy.LabelThresholds labels, TextMatch text, ListSort sort,
            Optional<ListSort.Position> after, int limit) {
        return listQuery(binds, byPosition(), organizationId, visibility, filter, labels, text, sort, after, limit);
    }

    /** The list's statement on {@code query} (the entry's SELECT and joins), every value made by {@code binds}. */
    private SelectQuery<Record> listQuery(Binds binds, SelectQuery<Record> query, OrganizationId organizationId,
            Visibility visibility, ExecutionFilter filter, PriorityPolicy.LabelThresholds labels, TextMatch text,
            ListSort sort, Optional<ListSort.Position> after, int limit) {
        binds.mark(sort).mark(limit);
        if (visibility instanceof Visibility.AssignedTo assigned && assigned.csms().size() > 1) {
            // A team: each member's own page from their index, merged (see teamPages).
            binds.mark("team");
            query.addConditions(E.ORGANIZATION_ID.eq(binds.val(organizationId.value(), E.ORGANIZATION_ID)),
                    E.ID.in(teamPages(binds, organizationId, assigned, filter, labels, text, sort, after, limit)));
        } else if (!filter.statuses().isEmpty() && key(sort) == E.PRIORITY_SCORE
                && !(visibility instanceof Visibility.EscalatedTo)) {
            // By score with a status filter: the page's ids first, from the index entries alone (V33 put the
            // status into the CSM's and the organization's priority indexes), so that rows of other statuses
            // cost no heap fetch. (The work escalated to someone is a few rows; its index has no status.)
            binds.mark("ids");
            query.addConditions(E.ORGANIZATION_ID.eq(binds.val(organizationId.value(), E.ORGANIZATION_ID)),
                    E.ID.in(pageIds(binds, organizationId, visibility, filter, labels, text, sort, after, limit)));
        } else {
            binds.mark("rows");
            query.addConditions(conditions(binds, organizationId, visibility, filter, labels, text));
            after.ifPresent(position -> query.addConditions(continuation(binds, sort, position)));
        }
        query.addOrderBy(order(sort));
        query.addLimit(DSL.inline(limit));
        return query;
    }

    /**
     * The ids of a team's page: for each member (an {@code unnest} of their ids, one statement whatever the
     * team's size), a LATERAL read of that member's first {@code limit} matching rows in order from their
     * {@code ..._list_csm_<key>} index, merged and cut to the first {@code limit} on those index entries
     * alone (so the page's joins and names see only the page's rows). Filtering
     * {@code assigned_csm_id IN (...)} on the organization's index instead reads every other CSM's rows
     * in between (43-79 ms for a team of 10 at 1M, docs/performance.md); this reads at most
     * members × limit entries. The same rows: the union of each member's first {@code limit} holds the
     * first {@code limit} of the union.
     */
    private Select<Record1<UUID>> teamPages(Binds binds, OrganizationId organizationId, Visibility.AssignedTo team,
            ExecutionFilter filter, PriorityPolicy.LabelThresholds labels, TextMatch text, ListSort sort,
            Optional<ListSort.Position> after, int limit) {
        UUID[] members = team.csms().stream().map(ProfileId::value).sorted().toArray(UUID[]::new);
        Table<?> member = DSL.unnest(binds.val(members, SQLDataType.UUID.array())).as("m", "csm_id");
        Field<UUID> memberId = DSL.field(DSL.name("m", "csm_id"), SQLDataType.UUID);
        SelectQuery<Record> own = sql.selectQuery();
        own.addSelect(E.ID, key(sort).as("sort_key"));
        own.addFrom(E);
        addJoinsFor(own, filter);
        own.addConditions(conditions(binds, organizationId, new Visibility.WholeOrganization(), filter, labels, text));
        own.addConditions(E.ASSIGNED_CSM_ID.eq(memberId));
        after.ifPresent(position -> own.addConditions(continuation(binds, sort, position)));
        own.addOrderBy(order(sort));
        own.addLimit(DSL.inline(limit));
        Table<?> pages = DSL.lateral(own.asTable("own"));
        Field<UUID> id = pages.field(E.ID.getName(), UUID.class);
        Field<?> sortKey = pages.field("sort_key");
        // Merged and cut here, on the index entries alone: the page's joins then see only its own rows.
        return DSL.select(id).from(member).crossJoin(pages)
                .orderBy(sort.descending() ? List.of(sortKey.desc(), id.desc()) : List.of(sortKey.asc(), id.asc()))
                .limit(DSL.inline(limit));
    }

    /** The ids of a page in order, read without the joins (for an index-only scan). */
    private Select<Record1<UUID>> pageIds(Binds binds, OrganizationId organizationId, Visibility visibility,
            ExecutionFilter filter, PriorityPolicy.LabelThresholds labels, TextMatch text, ListSort sort,
            Optional<ListSort.Position> after, int limit) {
        SelectQuery<Record1<UUID>> ids = sql.select(E.ID).from(E).getQuery();
        addJoinsFor(ids, filter);
        ids.addConditions(conditions(binds, organizationId, visibility, filter, labels, text));
        after.ifPresent(position -> ids.addConditions(continuation(binds, sort, position)));
        ids.addOrderBy(order(sort));
        ids.addLimit(DSL.inline(limit));
        return ids;
    }

    @Override
    public long countUpTo(OrganizationId organizationId, Visibility visibility, ExecutionFilter filter,
            PriorityPolicy.LabelThresholds labels, long atMost) {
        Binds binds = new Binds("count");
        ResultQuery<Record1<Integer>> query = countQuery(binds, organizationId, visibility, filter, labels,
                textMatch(organizationId, filter.text()), atMost);
        return statements.fetch(binds, query).get(0).get(0, Long.class);
    }

    /**
     * The statement {@link #countUpTo} runs (for EXPLAIN tests): count(*) over the matching rows, cut at
     * {@code atMost} inside, so that the scan stops there.
     */
    ResultQuery<Record1<Integer>> countQuery(OrganizationId organizationId, Visibility visibility,
            ExecutionFilter filter, PriorityPolicy.LabelThresholds labels, long atMost) {
        return countQuery(new Binds("count"), organizationId, visibility, filter, labels,
                textMatch(organizationId, filter.text()), atMost);
    }

    /** The statement {@link #countUpTo} runs, every value made by {@code binds} (for RenderedOnceTest). */
    ResultQuery<Record1<Integer>> countQuery(Binds binds, OrganizationId organizationId,
            Visibility visibility, ExecutionFilter filter, PriorityPolicy.LabelThresholds labels, TextMatch text,
            long atMost) {
        SelectQuery<Record> rows = sql.selectQuery();
        rows.addSelect(DSL.inline(1).as("one"));
        rows.addFrom(E);
        addJoinsFor(rows, filter);
        rows.addConditions(conditions(binds, organizationId, visibility, filter, labels, text));
        binds.mark(atMost);
        if (atMost < Long.MAX_VALUE) {
            rows.addLimit(DSL.inline(atMost));
        }
        return sql.select(DSL.count()).from(rows.asTable("counted"));
    }

    /** Only the joins a filter needs: counting a whole organization must not look up every definition. */
    private static void addJoinsFor(SelectQuery<?> query, ExecutionFilter filter) {
        if (filter.workflowType().isPresent()) {
            query.addJoin(D, JoinType.JOIN, D.ORGANIZATION_ID.eq(E.ORGANIZATION_ID), D.ID.eq(E.WORKFLOW_DEFINITION_ID));
        }
    }

    /**
     * What {@code q} matched: the customers and definitions whose name contains it, up to
     * {@link #MAX_LISTED_MATCHES} each ({@code more}: more than that; then the page keeps the match as a
     * subquery). Absent without {@code q}.
     */
    record TextMatch(String text, List<UUID> customers, boolean moreCustomers, List<UUID> definitions,
            boolean moreDefinitions) {
    }

    /**
     * The {@code q} filter's look-up: customers by V33's trigram index on {@code lower(name)}, definitions (a
     * few dozen per organization) directly, both in one statement (one round trip per page, not two). The
     * page's statement then filters on a list of ids the planner can see (the executions of a handful of
     * customers are found by workflow_executions_by_customer; a name nobody has gives no statement over
     * executions at all), instead of joining each of the scope's rows to its customer to compare names
     * (64-83 ms for a CSM at 1M, docs/performance.md). When very many customers match, the match is kept as
     * a subquery: so broad a match is met early in any order. The same rule as {@link ExecutionFilter#matches}:
     * {@code lower(name)} contains {@code lower(q)}, LIKE's wildcards escaped.
     */
    private TextMatch textMatch(OrganizationId organizationId, Optional<String> text) {
        if (text.isEmpty()) {
            return null;
        }
        Binds binds = new Binds("names");
        WorkflowDefinitions definition = SEARCHED_DEFINITION;
        Field<Boolean> isCustomer = DSL.field(DSL.name("is_customer"), SQLDataType.BOOLEAN);
        List<UUID> customers = new ArrayList<>();
        List<UUID> definitions = new ArrayList<>();
        var lookUp = sql.select(DSL.inline(true).as(isCustomer), SEARCHED_CUSTOMER.ID.as("id")).from(SEARCHED_CUSTOMER)
                .where(customerNamed(binds, organizationId, text.get()))
                .limit(DSL.inline(MAX_LISTED_MATCHES + 1))
                .unionAll(sql.select(DSL.inline(false).as(isCustomer), definition.ID.as("id")).from(definition)
                        .where(definitionNamed(binds, organizationId, text.get()))
                        .limit(DSL.inline(MAX_LISTED_MATCHES + 1)));
        statements.fetch(binds, lookUp).forEach(r -> (r.get(0, Boolean.class) ? customers : definitions)
                .add(r.get(1, UUID.class)));
        return new TextMatch(text.get(), customers, customers.size() > MAX_LISTED_MATCHES, definitions,
                definitions.size() > MAX_LISTED_MATCHES);
    }

    /** {@code text}'s match as a condition on the execution's customer and definition ids. */
    private static Condition textCondition(Binds binds, OrganizationId organizationId, TextMatch text) {
        if (text == null) {
            return DSL.noCondition();
        }
        binds.mark("q" + matchShape(text.customers().size(), text.moreCustomers())
                + matchShape(text.definitions().size(), text.moreDefinitions()));
        Condition byCustomer = text.customers().isEmpty() ? DSL.falseCondition()
                : text.moreCustomers()
                        ? E.CUSTOMER_ID.in(DSL.select(SEARCHED_CUSTOMER.ID).from(SEARCHED_CUSTOMER)
                                .where(customerNamed(binds, organizationId, text.text())))
                        : E.CUSTOMER_ID.eq(DSL.any(binds.val(text.customers().toArray(UUID[]::new),
                                SQLDataType.UUID.array())));
        Condition byDefinition = text.definitions().isEmpty() ? DSL.falseCondition()
                : text.moreDefinitions()
                        ? E.WORKFLOW_DEFINITION_ID.in(DSL.select(SEARCHED_DEFINITION.ID).from(SEARCHED_DEFINITION)
                                .where(definitionNamed(binds, organizationId, text.text())))
                        : E.WORKFLOW_DEFINITION_ID.eq(DSL.any(binds.val(text.definitions().toArray(UUID[]::new),
                                SQLDataType.UUID.array())));
        return byCustomer.or(byDefinition);
    }

    private static String matchShape(int found, boolean more) {
        return found == 0 ? "0" : more ? "+" : "n";
    }

    private static final Customers SEARCHED_CUSTOMER = CUSTOMERS.as("qc");
    private static final WorkflowDefinitions SEARCHED_DEFINITION = WORKFLOW_DEFINITIONS.as("qd");

    /** The customers whose name contains {@code text}, up to one more than are listed (for EXPLAIN tests too). */
    ResultQuery<Record1<UUID>> customerSearchQuery(OrganizationId organizationId, String text) {
        return sql.select(SEARCHED_CUSTOMER.ID).from(SEARCHED_CUSTOMER)
                .where(customerNamed(new Binds("names"), organizationId, text))
                .limit(DSL.inline(MAX_LISTED_MATCHES + 1));
    }

    private static Condition customerNamed(Binds binds, OrganizationId organizationId, String text) {
        return SEARCHED_CUSTOMER.ORGANIZATION_ID.eq(binds.val(organizationId.value(), SEARCHED_CUSTOMER.ORGANIZATION_ID))
                .and(DSL.lower(SEARCHED_CUSTOMER.NAME).like(pattern(binds, text), '\\'));
    }

    private static Condition definitionNamed(Binds binds, OrganizationId organizationId, String text) {
        return SEARCHED_DEFINITION.ORGANIZATION_ID.eq(binds.val(organizationId.value(),
                SEARCHED_DEFINITION.ORGANIZATION_ID))
                .and(DSL.lower(SEARCHED_DEFINITION.NAME).like(pattern(binds, text), '\\'));
    }

    /** '%' || lower(q) || '%', which customers_name_trgm (V33) serves. */
    private static Field<String> pattern(Binds binds, String text) {
        return DSL.inline("%").concat(DSL.lower(binds.val(likeEscaped(text), SQLDataType.VARCHAR)))
                .concat(DSL.inline("%"));
    }

    /** {@code q} is plain text: LIKE's wildcards and its escape character match only themselves. */
    static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    public Optional<OrganizationId> organizationOf(ExecutionId id) {
        return sql.select(WORKFLOW_EXECUTIONS.ORGANIZATION_ID).from(WORKFLOW_EXECUTIONS)
                .where(WORKFLOW_EXECUTIONS.ID.eq(id.value()))
                .fetchOptional(r -> OrganizationId.of(r.value1()));
    }

    /** The queue's entry shape with the two people's names. */
    private SelectQuery<Record> entries() {
        SelectQuery<Record> query = EntrySql.select(sql).getQuery();
        query.addSelect(ASSIGNED_NAME, ESCALATION_NAME);
        return withNames(query);
    }

    /** The same, every column renamed by its position ({@link EntrySql#selectByPosition}), for SQL rendered once. */
    private SelectQuery<Record> byPosition() {
        SelectQuery<Record> query = EntrySql.selectByPosition(sql).getQuery();
        int names = EntrySql.COLUMNS.size();
        query.addSelect(A.FULL_NAME.as(EntrySql.positionalName(names)), X.FULL_NAME.as(EntrySql.positionalName(names + 1)));
        return withNames(query);
    }

    private static SelectQuery<Record> withNames(SelectQuery<Record> query) {
        query.addJoin(A, JoinType.JOIN, A.ORGANIZATION_ID.eq(E.ORGANIZATION_ID), A.ID.eq(E.ASSIGNED_CSM_ID));
        query.addJoin(X, JoinType.LEFT_OUTER_JOIN, X.ORGANIZATION_ID.eq(E.ORGANIZATION_ID),
                X.ID.eq(E.ESCALATION_USER_ID));
        return query;
    }

    /** A list row's columns: the entry's, then the two names (the positional SELECT's, in its order). */
    private static final Field<?>[] VIEW_COLUMNS = viewColumns();

    private static Field<?>[] viewColumns() {
        List<Field<?>> columns = new ArrayList<>(EntrySql.COLUMNS);
        columns.add(ASSIGNED_NAME);
        columns.add(ESCALATION_NAME);
        return columns.toArray(Field<?>[]::new);
    }

    private static ExecutionView view(Record r, java.time.Instant escalatedAt) {
        return new ExecutionView(EntrySql.entry(r), Codes.instant(r.get(E.DUE_AT)),
                person(r.get(E.ASSIGNED_CSM_ID), r.get(ASSIGNED_NAME)),
                person(r.get(E.ESCALATION_USER_ID), r.get(ESCALATION_NAME)), escalatedAt);
    }

    /** {@link Visibility#covers} and {@link ExecutionFilter#matches}, as SQL. */
    private static List<Condition> conditions(Binds binds, OrganizationId organizationId, Visibility visibility,
            ExecutionFilter filter, PriorityPolicy.LabelThresholds labels, TextMatch text) {
        List<Condition> where = new ArrayList<>();
        where.add(E.ORGANIZATION_ID.eq(binds.val(organizationId.value(), E.ORGANIZATION_ID)));
        where.add(E.IS_DEMO.eq(DSL.inline(false)));
        if (visibility instanceof Visibility.AssignedTo assigned) {
            UUID[] csms = assigned.csms().stream().map(ProfileId::value).sorted().toArray(UUID[]::new);
            // One CSM: equality (their index's first key); several: one array, so that the SQL is the same
            // whatever the team's size.
            where.add(csms.length == 1 ? E.ASSIGNED_CSM_ID.eq(binds.val(csms[0], E.ASSIGNED_CSM_ID))
                    : E.ASSIGNED_CSM_ID.eq(DSL.any(binds.val(csms, SQLDataType.UUID.array()))));
        } else if (visibility instanceof Visibility.EscalatedTo escalated) {
            where.add(E.ESCALATION_USER_ID.eq(binds.val(escalated.person().value(), E.ESCALATION_USER_ID)));
            // Visibility.EscalatedTo: not resolved (no state: escalated before the loop, counts as open)
            where.add(E.ESCALATION_STATE.isNull().or(E.ESCALATION_STATE.in(
                    EscalationState.UNRESOLVED.stream().map(s -> DSL.inline(s, E.ESCALATION_STATE)).toList())));
        } else {
            binds.mark("organization");
        }
        if (!filter.statuses().isEmpty()) {
            // the statuses in their SQL's order (a field's toString would render it: slow, and no key)
            binds.mark(new java.util.TreeSet<>(filter.statuses()));
            where.add(E.STATUS.in(Codes.inlineStatuses(E.STATUS, filter.statuses())));
        }
        // The column's own value (its converter's), bound as text: a converted value jOOQ would bind anew.
        filter.workflowType().ifPresent(type -> where.add(DSL.field(D.WORKFLOW_TYPE.getQualifiedName(), SQLDataType.VARCHAR)
                .eq(binds.val((String) D.WORKFLOW_TYPE.getConverter().to(type), SQLDataType.VARCHAR))));
        filter.label().map(label -> ScoreRange.of(labels, label)).ifPresent(range -> {
            range.min().ifPresent(min -> where.add(E.PRIORITY_SCORE.ge(binds.mark("min").val(min, E.PRIORITY_SCORE))));
            range.maxExclusive().ifPresent(max -> where.add(E.PRIORITY_SCORE.lt(
                    binds.mark("max").val(max, E.PRIORITY_SCORE))));
        });
        filter.customer().ifPresent(customer -> where.add(E.CUSTOMER_ID.eq(binds.val(customer.value(), E.CUSTOMER_ID))));
        filter.csm().ifPresent(csm -> where.add(E.ASSIGNED_CSM_ID.eq(binds.val(csm.value(), E.ASSIGNED_CSM_ID))));
        filter.definition().ifPresent(definition -> where.add(E.WORKFLOW_DEFINITION_ID.eq(
                binds.val(definition.value(), E.WORKFLOW_DEFINITION_ID))));
        // On the sort keys (a missing date is 'infinity', after any bound): the same rows as due_at <= ? and
        // snooze_until < ?, and a range of the due and snooze indexes.
        filter.dueAtOrBefore().ifPresent(due -> where.add(DUE_KEY.le(binds.val(Codes.timestamp(due), E.DUE_AT))));
        filter.snoozedUntilBefore().ifPresent(until -> where.add(
                E.STATUS.eq(DSL.inline(ExecutionStatus.SNOOZED, E.STATUS))
                        .and(SNOOZE_KEY.lt(binds.val(Codes.timestamp(until), E.SNOOZE_UNTIL)))));
        // filter.text(), looked up beforehand (textMatch).
        where.add(textCondition(binds, organizationId, text));
        return where;
    }

    /** {@link ListSort#comparator} as ORDER BY: the key, then the id, in one direction. */
    private static List<SortField<?>> order(ListSort sort) {
        Field<?> key = key(sort);
        return sort.descending() ? List.of(key.desc(), E.ID.desc()) : List.of(key.asc(), E.ID.asc());
    }

    /** After {@code position} in {@code sort}'s order: one row comparison, which the index can seek to. */
    private static Condition continuation(Binds binds, ListSort sort, ListSort.Position position) {
        UUID id = position.id();
        binds.mark("after");
        return switch (sort) {
            case PRIORITY -> DSL.row(E.PRIORITY_SCORE, E.ID).gt(
                    binds.val(Math.toIntExact(position.key()), E.PRIORITY_SCORE), binds.val(id, E.ID));
            case PRIORITY_DESCENDING -> DSL.row(E.PRIORITY_SCORE, E.ID).lt(
                    binds.val(Math.toIntExact(position.key()), E.PRIORITY_SCORE), binds.val(id, E.ID));
            case CREATED_AT -> DSL.row(E.CREATED_AT, E.ID).gt(binds.val(time(position.key()), E.CREATED_AT),
                    binds.val(id, E.ID));
            case SNOOZE_UNTIL -> DSL.row(SNOOZE_KEY, E.ID).gt(timeOrInfinity(binds, position.key(), E.SNOOZE_UNTIL),
                    binds.val(id, E.ID));
            case DUE_AT -> DSL.row(DUE_KEY, E.ID).gt(timeOrInfinity(binds, position.key(), E.DUE_AT),
                    binds.val(id, E.ID));
        };
    }

    private static Field<?> key(ListSort sort) {
        return switch (sort) {
            case PRIORITY, PRIORITY_DESCENDING -> E.PRIORITY_SCORE;
            case CREATED_AT -> E.CREATED_AT;
            case SNOOZE_UNTIL -> SNOOZE_KEY;
            case DUE_AT -> DUE_KEY;
        };
    }

    private static OffsetDateTime time(Long micros) {
        if (micros == null) {
            throw new IllegalArgumentException("this order has no empty keys");
        }
        return Codes.timestamp(ListSort.fromMicros(micros));
    }

    private static Field<OffsetDateTime> timeOrInfinity(Binds binds, Long micros, Field<OffsetDateTime> like) {
        if (micros == null) {
            binds.mark("infinity");
            return INFINITY;
        }
        return binds.val(time(micros), like);
    }

    private static ProfileId profile(UUID id) {
        return id == null ? null : ProfileId.of(id);
    }

    private static Person person(UUID id, String name) {
        return id == null ? null : new Person(ProfileId.of(id), name);
    }
}
