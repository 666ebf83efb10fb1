package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.CONTACTS;
import static dev.orchestrator.persistence.jooq.Tables.CUSTOMERS;
import static dev.orchestrator.persistence.jooq.Tables.CUSTOMER_PROPERTIES;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITIONS;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS;

import dev.orchestrator.core.domain.customer.RelationshipStrength;
import dev.orchestrator.core.domain.priority.ScoreChange;
import dev.orchestrator.core.domain.queue.QueueEntry;
import dev.orchestrator.persistence.jooq.tables.Contacts;
import dev.orchestrator.persistence.jooq.tables.CustomerProperties;
import dev.orchestrator.persistence.jooq.tables.Customers;
import dev.orchestrator.persistence.jooq.tables.WorkflowDefinitions;
import dev.orchestrator.persistence.jooq.tables.WorkflowExecutions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectJoinStep;
import org.jooq.SelectSelectStep;
import org.jooq.impl.DSL;

/**
 * The one shape in which executions are read with everything their priority depends on: execution
 * joined to its definition and customer, LEFT JOIN customer_properties (a customer without a
 * properties row must not drop out) and an EXISTS for a strong contact. Every join repeats
 * {@code organization_id}, so it stays within one tenant (and one shard, should the data ever be
 * distributed by organization).
 */
final class EntrySql {

    static final WorkflowExecutions E = WORKFLOW_EXECUTIONS.as("e");
    static final WorkflowDefinitions D = WORKFLOW_DEFINITIONS.as("d");
    static final Customers C = CUSTOMERS.as("c");
    static final CustomerProperties P = CUSTOMER_PROPERTIES.as("p");
    private static final Contacts K = CONTACTS.as("k");

    /**
     * Whether the execution's customer has at least one contact with a strong relationship. A scalar
     * subquery, not EXISTS: PostgreSQL may plan an EXISTS in the select list as a hashed subplan that
     * reads every strong contact on each queue read (~20 ms at 1M executions); this one can only probe
     * contacts_by_customer once per returned row (docs/performance.md, "Queue read").
     */
    static final Field<Boolean> HAS_STRONG_CONTACT =
            strongContactField(E.ORGANIZATION_ID, E.CUSTOMER_ID).as("has_strong_contact");

    private EntrySql() {
    }

    /**
     * Whether the customer (organization, customer) has a strong contact, as a scalar subquery that
     * can only probe contacts_by_customer once per row: for statements narrowed to a few customers
     * (a signal write's chunk), where the EXISTS form below may be planned as a hashed subplan that
     * reads every strong contact of every organization (docs/performance.md, "Signal ingestion").
     */
    static Condition strongContactProbe(Field<java.util.UUID> organizationId, Field<java.util.UUID> customerId) {
        return DSL.condition(strongContactField(organizationId, customerId));
    }

    /** The scalar subquery both forms above are: true when a strong contact exists, false otherwise. */
    private static Field<Boolean> strongContactField(Field<java.util.UUID> organizationId,
            Field<java.util.UUID> customerId) {
        return DSL.coalesce(DSL.field(DSL.select(DSL.inline(true)).from(K)
                .where(K.ORGANIZATION_ID.eq(organizationId)).and(K.CUSTOMER_ID.eq(customerId))
                .and(K.RELATIONSHIP_STRENGTH.eq(DSL.inline(RelationshipStrength.STRONG, K.RELATIONSHIP_STRENGTH)))
                .limit(DSL.inline(1))), DSL.inline(false));
    }

    /** EXISTS a strong contact for the customer (organization, customer): served by contacts_by_customer. */
    static Condition strongContactOf(Field<java.util.UUID> organizationId, Field<java.util.UUID> customerId) {
        return DSL.exists(DSL.selectOne().from(K)
                .where(K.ORGANIZATION_ID.eq(organizationId))
                .and(K.CUSTOMER_ID.eq(customerId))
                .and(K.RELATIONSHIP_STRENGTH.eq(DSL.inline(RelationshipStrength.STRONG, K.RELATIONSHIP_STRENGTH))));
    }

    /** Every column a {@link QueueEntry} is read from, in select-list order. */
    static final List<Field<?>> COLUMNS = columns();

    /** The same, as kept statements read their rows ({@link RenderedOnce#run}). */
    static final Field<?>[] COLUMN_ARRAY = COLUMNS.toArray(Field<?>[]::new);

    private static List<Field<?>> columns() {
        List<Field<?>> fields = new ArrayList<>();
        fields.addAll(List.of(E.fields()));
        fields.addAll(List.of(D.ID, D.ORGANIZATION_ID, D.NAME, D.WORKFLOW_TYPE, D.DESCRIPTION, D.TRIGGER_CONDITIONS,
                D.PRIORITY_WEIGHT, D.IS_ACTIVE, D.IS_DEMO));
        fields.addAll(List.of(C.ID, C.ORGANIZATION_ID, C.NAME, C.CSM_ID));
        fields.addAll(List.of(P.REVENUE_IMPACT_TIER, P.CHURN_RISK_SCORE, P.USAGE_SCORE, P.HEALTH_SCORE,
                P.UTILIZATION_PERCENT, P.YOY_GROWTH_PERCENT, P.MARKET_PRICE_PERCENTILE, P.ADOPTION_RATE_PERCENT,
                P.USAGE_CHANGE_PERCENT_LAST_MONTH));
        fields.add(HAS_STRONG_CONTACT);
        return List.copyOf(fields);
    }

    /** SELECT every column needed for a {@link QueueEntry} FROM the joined tables; add WHERE and ORDER BY. */
    static SelectJoinStep<Record> select(DSLContext sql) {
        return from(sql.select(COLUMNS));
    }

    /**
     * The same SELECT with every column renamed {@code c0, c1, …} (several tables have an {@code id}
     * and a {@code name}), for SQL that is rendered once and read back by position.
     */
    static SelectJoinStep<Record> selectByPosition(DSLContext sql) {
        List<Field<?>> aliased = new ArrayList<>();
        for (int i = 0; i < COLUMNS.size(); i++) {
            aliased.add(COLUMNS.get(i).as(positionalName(i)));
        }
        return from(sql.select(aliased));
    }

    static String positionalName(int index) {
        return "c" + index;
    }

    private static SelectJoinStep<Record> from(SelectSelectStep<Record> select) {
        return select.from(E)
                .join(D).on(D.ORGANIZATION_ID.eq(E.ORGANIZATION_ID)).and(D.ID.eq(E.WORKFLOW_DEFINITION_ID))
                .join(C).on(C.ORGANIZATION_ID.eq(E.ORGANIZATION_ID)).and(C.ID.eq(E.CUSTOMER_ID))
                .leftJoin(P).on(P.ORGANIZATION_ID.eq(E.ORGANIZATION_ID)).and(P.CUSTOMER_ID.eq(E.CUSTOMER_ID));
    }

    /** A row of {@link #COLUMNS} (and possibly more), which never hold the definition's steps: no queue read needs them. */
    static QueueEntry entry(Record r) {
        return new QueueEntry(Rows.execution(r, E), Rows.definitionWithoutSteps(r, D), Rows.customer(r, C),
                Rows.signals(r, P, HAS_STRONG_CONTACT), scoreChange(r));
    }

    /** The remembered change of the stored score (V39), when the latest re-scoring made one. */
    private static ScoreChange scoreChange(Record r) {
        java.time.LocalDate on = r.get(E.SCORE_CHANGED_ON);
        Integer previous = r.get(E.PREVIOUS_SCORE);
        if (on == null || previous == null) {
            return null;
        }
        Map<String, Integer> parts = new LinkedHashMap<>();
        JsonbCodec.read(r.get(E.PREVIOUS_PARTS)).values().forEach((rule, points) -> {
            if (points instanceof Number n) {
                parts.put(rule, n.intValue());
            }
        });
        return new ScoreChange(previous, parts, on);
    }
}
