package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.CUSTOMERS;
import static dev.orchestrator.persistence.jooq.Tables.CUSTOMER_PROPERTIES;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITIONS;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import dev.orchestrator.core.application.port.out.PolicySimulation;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.policy.Policies;
import dev.orchestrator.core.domain.policy.SimulationReport;
import dev.orchestrator.core.domain.priority.PriorityLabel;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.scope.WorkScope;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.persistence.jooq.tables.CustomerProperties;
import dev.orchestrator.persistence.jooq.tables.Customers;
import dev.orchestrator.persistence.jooq.tables.WorkflowDefinitions;
import dev.orchestrator.persistence.jooq.tables.WorkflowExecutions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * What-if in one READ ONLY transaction (PostgreSQL refuses any write in it), set-based:
 * <pre>
 * WITH scored AS MATERIALIZED (SELECT e.id, ..., &lt;current score&gt; AS score_before, &lt;candidate score&gt; AS score_after
 *                 FROM workflow_executions e, workflow_definitions d, customers c LEFT JOIN customer_properties p
 *                 WHERE &lt;the recompute's joins&gt; AND e.status IN (&lt;active&gt;) AND e.organization_id = ? [AND csm = ANY(?)]),
 *      ranked AS (SELECT *, row_number() OVER (PARTITION BY csm ORDER BY score_before DESC, created_at, id) AS rank_before,
 *                           row_number() OVER (PARTITION BY csm ORDER BY score_after DESC, created_at, id) AS rank_after
 *                 FROM scored)
 * SELECT ... FROM ranked WHERE rank_before &lt;= N OR rank_after &lt;= N          -- the top N before and after
 * UNION ALL SELECT label(score_before), label(score_after), count(*) ... GROUPING SETS  -- totals by label
 * </pre>
 * Both scores are {@link PrioritySql#scoreExpression} of each policy, the recompute's expression,
 * so "before" is what the daily recompute would give today and "after" what applying the candidate
 * would give. The creations are {@link SqlSignalInterpretation#wouldCreate} and the closes
 * {@link SqlSignalLifecycle#wouldClose} under each signal policy. Changed definitions
 * ({@link DefinitionOverrides}: a VALUES list joined by id) take the stored ones' place in "after".
 */
final class SqlPolicySimulation implements PolicySimulation {

    private static final WorkflowExecutions E = WORKFLOW_EXECUTIONS.as("e");
    private static final WorkflowDefinitions D = WORKFLOW_DEFINITIONS.as("d");
    private static final Customers C = CUSTOMERS.as("c");
    private static final CustomerProperties P = CUSTOMER_PROPERTIES.as("p");

    private final DSLContext sql;

    SqlPolicySimulation(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public SimulationReport simulate(OrganizationId organization, Optional<Set<ProfileId>> csms, Policies current,
            Policies candidate, List<WorkflowDefinition> changedDefinitions, int topN, LocalDate today, Instant now) {
        DefinitionOverrides changed = DefinitionOverrides.of(changedDefinitions, "o");
        return sql.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            // READ ONLY: PostgreSQL itself refuses any write from here on. (The isolation level cannot
            // be raised here: the tenant's settings were already applied by a SELECT. Each of the
            // statements reads its own committed snapshot.)
            t.execute("SET TRANSACTION READ ONLY");
            Scoring scoring = scoring(t, organization, csms, current, candidate, changed, topN, today);
            Condition customers = csms.map(c -> CUSTOMERS.as("c").CSM_ID.eq(DSL.any(ids(c))))
                    .orElse(DSL.noCondition());
            WorkScope scope = WorkScope.organization(organization);
            Map<UUID, Long> before = counts(SqlSignalInterpretation.wouldCreate(t, scope, current.signals(),
                    DefinitionOverrides.NONE, customers, today, now));
            // The same signal policy over the same definitions creates and closes the same work: counted once.
            boolean same = candidate.signals().equals(current.signals()) && changedDefinitions.isEmpty();
            Map<UUID, Long> after = same ? before
                    : counts(SqlSignalInterpretation.wouldCreate(t, scope, candidate.signals(), changed, customers,
                            today, now));
            Map<UUID, Long> closedBefore = counts(SqlSignalLifecycle.wouldClose(t, organization, csms, current.signals(),
                    DefinitionOverrides.NONE));
            Map<UUID, Long> closedAfter = same ? closedBefore
                    : counts(SqlSignalLifecycle.wouldClose(t, organization, csms, candidate.signals(), changed));
            return new SimulationReport(topN, scoring.queues(),
                    impacts(t, organization, before, after, closedBefore, closedAfter), scoring.labels());
        });
    }

    private static org.jooq.Select<?> scored(OrganizationId organization, Optional<Set<ProfileId>> csms,
            PriorityPolicy current, PriorityPolicy candidate, DefinitionOverrides changed, LocalDate today) {
        PrioritySql.Inputs inputs = new PrioritySql.Inputs(E.STATUS, E.SNOOZE_UNTIL, D.WORKFLOW_TYPE, D.PRIORITY_WEIGHT,
                P.REVENUE_IMPACT_TIER, P.CHURN_RISK_SCORE, P.USAGE_SCORE, E.DUE_AT);
        // "After" reads a changed definition's weight and type.
        PrioritySql.Inputs changedInputs = new PrioritySql.Inputs(E.STATUS, E.SNOOZE_UNTIL,
                changed.type(D.WORKFLOW_TYPE), changed.weight(D.PRIORITY_WEIGHT), P.REVENUE_IMPACT_TIER,
                P.CHURN_RISK_SCORE, P.USAGE_SCORE, E.DUE_AT);
        return DSL.select(E.ID, E.ASSIGNED_CSM_ID, E.CUSTOMER_ID, E.WORKFLOW_DEFINITION_ID, E.CREATED_AT,
                        PrioritySql.scoreExpression(current, today, inputs).as("score_before"),
                        PrioritySql.scoreExpression(candidate, today, changedInputs).as("score_after"))
                .from(E)
                .join(changed.joinedTo(D, D.ID)).on(D.ORGANIZATION_ID.eq(E.ORGANIZATION_ID))
                .and(D.ID.eq(E.WORKFLOW_DEFINITION_ID))
                .join(C).on(C.ORGANIZATION_ID.eq(E.ORGANIZATION_ID)).and(C.ID.eq(E.CUSTOMER_ID))
                .leftJoin(P).on(P.ORGANIZATION_ID.eq(C.ORGANIZATION_ID)).and(P.CUSTOMER_ID.eq(C.ID))
                .where(E.ORGANIZATION_ID.eq(organization.value()))
                .and(E.STATUS.in(Codes.inlineStatuses(E.STATUS, ExecutionStatus.ACTIVE)))
                .and(csms.map(c -> E.ASSIGNED_CSM_ID.eq(DSL.any(ids(c)))).orElse(DSL.noCondition()));
    }

    /** Ranks in the queue's own order ({@code QueueOrdering}: score descending, then oldest, then id). */
    private static org.jooq.Select<?> rankedSelect() {
        Field<UUID> csm = field(name("assigned_csm_id"), SQLDataType.UUID);
        Field<Integer> before = field(name("score_before"), SQLDataType.INTEGER);
        Field<Integer> after = field(name("score_after"), SQLDataType.INTEGER);
        Field<Object> createdAt = field(name("created_at"));
        Field<UUID> id = field(name("id"), SQLDataType.UUID);
        return DSL.select(DSL.asterisk(),
                        DSL.rowNumber().over(DSL.partitionBy(csm).orderBy(before.desc(), createdAt.asc(), id.asc()))
                                .as("rank_before"),
                        DSL.rowNumber().over(DSL.partitionBy(csm).orderBy(after.desc(), createdAt.asc(), id.asc()))
                                .as("rank_after"))
                .from(DSL.table(name("scored")));
    }

    /**
     * The one statement over {@code scored} (MATERIALIZED: both policies' scores computed once per
     * execution): the rows within either top N, then the label totals (GROUPING SETS over the two
     * labels), told apart by which columns are NULL.
     */
    static ResultQuery<org.jooq.Record> statement(DSLContext sql, OrganizationId organization,
            Optional<Set<ProfileId>> csms, PriorityPolicy current, PriorityPolicy candidate, DefinitionOverrides changed,
            int topN, LocalDate today) {
        Field<Integer> before = field(name("score_before"), SQLDataType.INTEGER);
        Field<Integer> after = field(name("score_after"), SQLDataType.INTEGER);
        var labelled = DSL.select(PrioritySql.label(current.labels(), before).as("label_before"),
                        PrioritySql.label(candidate.labels(), after).as("label_after"))
                .from(DSL.table(name("scored")));
        return sql.resultQuery("WITH scored AS MATERIALIZED ({0}), ranked AS ({1})\n"
                        + "SELECT assigned_csm_id, id, customer_id, workflow_definition_id, score_before, score_after, "
                        + "rank_before, rank_after, NULL::text AS label_before, NULL::text AS label_after, "
                        + "NULL::bigint AS n, {4} AS customer_name, {5} AS definition_name "
                        + "FROM ranked r WHERE rank_before <= {2} OR rank_after <= {2}\n"
                        + "UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, label_before, label_after, "
                        + "count(*), NULL, NULL FROM ({3}) l GROUP BY GROUPING SETS ((label_before), (label_after))",
                scored(organization, csms, current, candidate, changed, today), rankedSelect(), inline(topN), labelled,
                // The names of the few rows in a top N only, by primary key.
                DSL.field(DSL.select(CUSTOMERS.NAME).from(CUSTOMERS).where(CUSTOMERS.ORGANIZATION_ID.eq(organization.value()))
                        .and(CUSTOMERS.ID.eq(DSL.field(name("r", "customer_id"), SQLDataType.UUID)))),
                DSL.field(DSL.select(WORKFLOW_DEFINITIONS.NAME).from(WORKFLOW_DEFINITIONS)
                        .where(WORKFLOW_DEFINITIONS.ORGANIZATION_ID.eq(organization.value()))
                        .and(WORKFLOW_DEFINITIONS.ID.eq(DSL.field(name("r", "workflow_definition_id"), SQLDataType.UUID)))));
    }

    private record Scoring(List<SimulationReport.CsmQueue> queues, List<SimulationReport.LabelTotal> labels) {
    }

    private static Scoring scoring(DSLContext sql, OrganizationId organization, Optional<Set<ProfileId>> csms,
            Policies current, Policies candidate, DefinitionOverrides changed, int topN, LocalDate today) {
        Map<UUID, List<SimulationReport.RankedItem>> byCsm = new LinkedHashMap<>();
        Map<PriorityLabel, long[]> totals = new EnumMap<>(PriorityLabel.class);
        for (PriorityLabel label : PriorityLabel.values()) {
            totals.put(label, new long[2]);
        }
        statement(sql, organization, csms, current.priority(), candidate.priority(), changed, topN, today).forEach(r -> {
            UUID csm = r.get("assigned_csm_id", UUID.class);
            if (csm != null) {
                byCsm.computeIfAbsent(csm, k -> new ArrayList<>())
                        .add(new SimulationReport.RankedItem(ExecutionId.of(r.get("id", UUID.class)),
                                CustomerId.of(r.get("customer_id", UUID.class)),
                                DefinitionId.of(r.get("workflow_definition_id", UUID.class)),
                                r.get("score_before", Integer.class), r.get("score_after", Integer.class),
                                r.get("rank_before", Long.class), r.get("rank_after", Long.class),
                                r.get("customer_name", String.class), r.get("definition_name", String.class)));
                return;
            }
            String b = r.get("label_before", String.class);
            String a = r.get("label_after", String.class);
            long n = r.get("n", Long.class);
            if (b != null) {
                totals.get(PriorityLabel.valueOf(b))[0] += n;
            } else if (a != null) {
                totals.get(PriorityLabel.valueOf(a))[1] += n;
            }
        });
        List<SimulationReport.CsmQueue> queues = new ArrayList<>();
        byCsm.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> queues.add(
                new SimulationReport.CsmQueue(ProfileId.of(e.getKey()), sortedById(e.getValue()), topN)));
        List<SimulationReport.LabelTotal> labels = totals.entrySet().stream()
                .map(e -> new SimulationReport.LabelTotal(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        return new Scoring(queues, labels);
    }

    private static List<SimulationReport.RankedItem> sortedById(List<SimulationReport.RankedItem> items) {
        return items.stream().sorted(java.util.Comparator.comparing(i -> i.execution().value())).toList();
    }

    private static Map<UUID, Long> counts(ResultQuery<org.jooq.Record2<UUID, Long>> query) {
        Map<UUID, Long> counts = new HashMap<>();
        query.forEach(r -> counts.put(r.value1(), r.value2()));
        return counts;
    }

    private static List<SimulationReport.DefinitionImpact> impacts(DSLContext sql, OrganizationId organization,
            Map<UUID, Long> before, Map<UUID, Long> after, Map<UUID, Long> closedBefore, Map<UUID, Long> closedAfter) {
        Set<UUID> ids = new TreeSet<>(before.keySet());
        ids.addAll(after.keySet());
        ids.addAll(closedBefore.keySet());
        ids.addAll(closedAfter.keySet());
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, String> names = sql.select(WORKFLOW_DEFINITIONS.ID, WORKFLOW_DEFINITIONS.NAME)
                .from(WORKFLOW_DEFINITIONS)
                .where(WORKFLOW_DEFINITIONS.ORGANIZATION_ID.eq(organization.value()))
                .and(WORKFLOW_DEFINITIONS.ID.in(ids))
                .fetchMap(WORKFLOW_DEFINITIONS.ID, WORKFLOW_DEFINITIONS.NAME);
        return ids.stream().map(id -> new SimulationReport.DefinitionImpact(DefinitionId.of(id), names.get(id),
                before.getOrDefault(id, 0L), after.getOrDefault(id, 0L), closedBefore.getOrDefault(id, 0L),
                closedAfter.getOrDefault(id, 0L))).toList();
    }

    private static UUID[] ids(Set<ProfileId> profiles) {
        return profiles.stream().map(ProfileId::value).toArray(UUID[]::new);
    }
}
