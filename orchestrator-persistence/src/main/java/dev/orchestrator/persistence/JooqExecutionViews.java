package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.EntrySql.C;
import static dev.orchestrator.persistence.EntrySql.D;
import static dev.orchestrator.persistence.EntrySql.E;
import static dev.orchestrator.persistence.jooq.Tables.PROFILES;
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
import dev.orchestrator.persistence.jooq.tables.Profiles;
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
import org.jooq.SelectQuery;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

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

    private final DSLContext sql;

    JooqExecutionViews(DSLContext sql) {
        this.sql = sql;
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
        return listQuery(organizationId, visibility, filter, labels, sort, after, limit).fetch(r -> view(r, null));
    }

    /** The statement {@link #list} runs (for EXPLAIN tests). */
    SelectQuery<Record> listQuery(OrganizationId organizationId, Visibility visibility, ExecutionFilter filter,
            PriorityPolicy.LabelThresholds labels, ListSort sort, Optional<ListSort.Position> after, int limit) {
        SelectQuery<Record> query = entries();
        query.addConditions(conditions(organizationId, visibility, filter, labels));
        after.ifPresent(position -> query.addConditions(continuation(sort, position)));
        query.addOrderBy(order(sort));
        query.addLimit(DSL.inline(limit));
        return query;
    }

    @Override
    public long count(OrganizationId organizationId, Visibility visibility, ExecutionFilter filter,
            PriorityPolicy.LabelThresholds labels) {
        return countQuery(organizationId, visibility, filter, labels).fetchOne(0, Long.class);
    }

    /** The statement {@link #count} runs (for EXPLAIN tests). */
    SelectQuery<Record> countQuery(OrganizationId organizationId, Visibility visibility, ExecutionFilter filter,
            PriorityPolicy.LabelThresholds labels) {
        SelectQuery<Record> query = sql.selectQuery();
        query.addSelect(DSL.count());
        query.addFrom(E);
        // Only the joins a filter needs: counting a whole organization must not look up every definition.
        if (filter.workflowType().isPresent() || filter.text().isPresent()) {
            query.addJoin(D, JoinType.JOIN, D.ORGANIZATION_ID.eq(E.ORGANIZATION_ID), D.ID.eq(E.WORKFLOW_DEFINITION_ID));
        }
        if (filter.text().isPresent()) {
            query.addJoin(C, JoinType.JOIN, C.ORGANIZATION_ID.eq(E.ORGANIZATION_ID), C.ID.eq(E.CUSTOMER_ID));
        }
        query.addConditions(conditions(organizationId, visibility, filter, labels));
        return query;
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
        query.addJoin(A, JoinType.JOIN, A.ORGANIZATION_ID.eq(E.ORGANIZATION_ID), A.ID.eq(E.ASSIGNED_CSM_ID));
        query.addJoin(X, JoinType.LEFT_OUTER_JOIN, X.ORGANIZATION_ID.eq(E.ORGANIZATION_ID),
                X.ID.eq(E.ESCALATION_USER_ID));
        return query;
    }

    private static ExecutionView view(Record r, java.time.Instant escalatedAt) {
        return new ExecutionView(EntrySql.entry(r), Codes.instant(r.get(E.DUE_AT)),
                person(r.get(E.ASSIGNED_CSM_ID), r.get(ASSIGNED_NAME)),
                person(r.get(E.ESCALATION_USER_ID), r.get(ESCALATION_NAME)), escalatedAt);
    }

    /** {@link Visibility#covers} and {@link ExecutionFilter#matches}, as SQL. */
    private static List<Condition> conditions(OrganizationId organizationId, Visibility visibility,
            ExecutionFilter filter, PriorityPolicy.LabelThresholds labels) {
        List<Condition> where = new ArrayList<>();
        where.add(E.ORGANIZATION_ID.eq(organizationId.value()));
        where.add(E.IS_DEMO.eq(DSL.inline(false)));
        if (visibility instanceof Visibility.AssignedTo assigned) {
            List<UUID> csms = assigned.csms().stream().map(ProfileId::value).sorted().toList();
            where.add(csms.size() == 1 ? E.ASSIGNED_CSM_ID.eq(csms.get(0)) : E.ASSIGNED_CSM_ID.in(csms));
        } else if (visibility instanceof Visibility.EscalatedTo escalated) {
            where.add(E.ESCALATION_USER_ID.eq(escalated.person().value()));
            // Visibility.EscalatedTo: not resolved (no state: escalated before the loop, counts as open)
            where.add(E.ESCALATION_STATE.isNull().or(E.ESCALATION_STATE.in(
                    EscalationState.UNRESOLVED.stream().map(s -> DSL.inline(s, E.ESCALATION_STATE)).toList())));
        }
        if (!filter.statuses().isEmpty()) {
            where.add(E.STATUS.in(Codes.inlineStatuses(E.STATUS, filter.statuses())));
        }
        filter.workflowType().ifPresent(type -> where.add(D.WORKFLOW_TYPE.eq(type)));
        filter.label().map(label -> ScoreRange.of(labels, label)).ifPresent(range -> {
            range.min().ifPresent(min -> where.add(E.PRIORITY_SCORE.ge(min)));
            range.maxExclusive().ifPresent(max -> where.add(E.PRIORITY_SCORE.lt(max)));
        });
        filter.customer().ifPresent(customer -> where.add(E.CUSTOMER_ID.eq(customer.value())));
        filter.csm().ifPresent(csm -> where.add(E.ASSIGNED_CSM_ID.eq(csm.value())));
        filter.definition().ifPresent(definition -> where.add(E.WORKFLOW_DEFINITION_ID.eq(definition.value())));
        // On the sort keys (a missing date is 'infinity', after any bound): the same rows as due_at <= ? and
        // snooze_until < ?, and a range of the due and snooze indexes.
        filter.dueAtOrBefore().ifPresent(due -> where.add(DUE_KEY.le(Codes.timestamp(due))));
        filter.snoozedUntilBefore().ifPresent(until -> where.add(
                E.STATUS.eq(DSL.inline(ExecutionStatus.SNOOZED, E.STATUS)).and(SNOOZE_KEY.lt(Codes.timestamp(until)))));
        filter.text().ifPresent(text -> {
            Field<String> needle = DSL.lower(DSL.val(text));
            where.add(DSL.position(DSL.lower(C.NAME), needle).gt(0).or(DSL.position(DSL.lower(D.NAME), needle).gt(0)));
        });
        return where;
    }

    /** {@link ListSort#comparator} as ORDER BY: the key, then the id, in one direction. */
    private static List<SortField<?>> order(ListSort sort) {
        Field<?> key = key(sort);
        return sort.descending() ? List.of(key.desc(), E.ID.desc()) : List.of(key.asc(), E.ID.asc());
    }

    /** After {@code position} in {@code sort}'s order: one row comparison, which the index can seek to. */
    private static Condition continuation(ListSort sort, ListSort.Position position) {
        UUID id = position.id();
        return switch (sort) {
            case PRIORITY -> DSL.row(E.PRIORITY_SCORE, E.ID).gt(Math.toIntExact(position.key()), id);
            case PRIORITY_DESCENDING -> DSL.row(E.PRIORITY_SCORE, E.ID).lt(Math.toIntExact(position.key()), id);
            case CREATED_AT -> DSL.row(E.CREATED_AT, E.ID).gt(time(position.key()), id);
            case SNOOZE_UNTIL -> DSL.row(SNOOZE_KEY, E.ID).gt(timeOrInfinity(position.key()), DSL.val(id));
            case DUE_AT -> DSL.row(DUE_KEY, E.ID).gt(timeOrInfinity(position.key()), DSL.val(id));
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

    private static Field<OffsetDateTime> timeOrInfinity(Long micros) {
        return micros == null ? INFINITY : DSL.val(time(micros));
    }

    private static ProfileId profile(UUID id) {
        return id == null ? null : ProfileId.of(id);
    }

    private static Person person(UUID id, String name) {
        return id == null ? null : new Person(ProfileId.of(id), name);
    }
}
