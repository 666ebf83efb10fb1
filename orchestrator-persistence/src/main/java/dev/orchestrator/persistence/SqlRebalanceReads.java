package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS;
import static org.jooq.impl.DSL.inline;

import dev.orchestrator.core.application.port.out.RebalanceReads;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.priority.PriorityLabel;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.views.ScoreRange;
import dev.orchestrator.core.domain.workload.LoadCounting;
import dev.orchestrator.core.domain.workload.RebalancePlanner;
import dev.orchestrator.core.domain.workload.RebalancePolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.QueryPart;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The rebalance read in one statement over V29's open-work index: the team's open production work (once,
 * materialized), each row's load points and whether it may move written from {@link RebalancePolicy}
 * ({@link #movable}, {@link #weight}: the policy's statuses, escalation rule, counting and label
 * weights, inlined), the loads per CSM, and the movable rows of the CSMs above capacity with whether
 * their customer has other open rows there that stay. The RebalanceReads contract checks it against
 * the policy's Java on random data.
 */
final class SqlRebalanceReads implements RebalanceReads {

    private final DSLContext sql;

    SqlRebalanceReads(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public TeamLoad read(OrganizationId organization, Map<ProfileId, Integer> capacities, RebalancePolicy policy,
            PriorityPolicy.LabelThresholds labels) {
        Map<ProfileId, Long> loads = new HashMap<>();
        List<RebalancePlanner.Candidate> candidates = new ArrayList<>();
        for (Record r : query(organization, capacities, policy, labels).fetch()) {
            ProfileId csm = ProfileId.of(r.get("csm", UUID.class));
            UUID id = r.get("id", UUID.class);
            if (id == null) {
                loads.put(csm, r.get("load", Long.class));
            } else {
                candidates.add(new RebalancePlanner.Candidate(ExecutionId.of(id),
                        CustomerId.of(r.get("customer_id", UUID.class)), r.get("customer_name", String.class), csm,
                        r.get("priority_score", Integer.class), r.get("version", Long.class),
                        r.get("stays", Boolean.class)));
            }
        }
        return new TeamLoad(loads, candidates);
    }

    /** The statement (package-private for its EXPLAIN test). */
    ResultQuery<Record> query(OrganizationId organization, Map<ProfileId, Integer> capacities, RebalancePolicy policy,
            PriorityPolicy.LabelThresholds labels) {
        List<Map.Entry<ProfileId, Integer>> team = capacities.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(p -> p.value().toString()))).toList();
        UUID[] ids = team.stream().map(e -> e.getKey().value()).toArray(UUID[]::new);
        Integer[] limits = team.stream().map(Map.Entry::getValue).toArray(Integer[]::new);
        List<QueryPart> parts = List.of(DSL.val(organization.value()), DSL.val(ids, SQLDataType.UUID.array()),
                DSL.val(limits, SQLDataType.INTEGER.array()));
        String statement = """
                WITH open AS MATERIALIZED (
                  SELECT w.id, w.customer_id, w.assigned_csm_id AS csm, w.priority_score, w.version,
                    (%1$s) AS movable, (%2$s) AS weight
                  FROM workflow_executions w
                  WHERE w.organization_id = {0} AND w.assigned_csm_id = ANY({1}) AND w.is_demo = false
                    AND w.status IN (%3$s)),
                loads AS (
                  SELECT csm, sum(weight)::bigint AS load FROM open GROUP BY csm),
                above AS (
                  SELECT l.csm FROM loads l JOIN unnest({1}, {2}) AS c(csm, capacity) ON c.csm = l.csm
                  WHERE l.load > c.capacity),
                items AS (
                  SELECT o.*, bool_or(NOT o.movable) OVER (PARTITION BY o.csm, o.customer_id) AS stays
                  FROM open o WHERE o.csm IN (SELECT csm FROM above))
                SELECT csm, load, NULL::uuid AS id, NULL::uuid AS customer_id, NULL::varchar AS customer_name,
                  NULL::integer AS priority_score, NULL::bigint AS version, NULL::boolean AS stays
                FROM loads
                UNION ALL
                SELECT i.csm, NULL, i.id, i.customer_id, c.name, i.priority_score, i.version, i.stays
                FROM items i JOIN customers c ON c.organization_id = {0} AND c.id = i.customer_id
                WHERE i.movable
                """.formatted(movable(policy), weight(policy, labels), statuses(List.of(ExecutionStatus.values())
                        .stream().filter(s -> !s.isTerminal()).toList()));
        return sql.resultQuery(statement, parts.toArray(QueryPart[]::new));
    }

    /** {@link RebalancePolicy#movable} on a row {@code w} (which is open). */
    static String movable(RebalancePolicy policy) {
        String status = "w.status IN (" + statuses(List.copyOf(policy.movableStatuses())) + ")";
        return policy.escalatedMove() ? status : status + " AND NOT (" + SqlTeamViews.OPEN_ESCALATION + ")";
    }

    /** {@link RebalancePolicy#weight} on a row {@code w}: the label's points, by the label's score range. */
    static String weight(RebalancePolicy policy, PriorityPolicy.LabelThresholds labels) {
        if (policy.counting() == LoadCounting.OPEN) {
            return "1";
        }
        StringBuilder out = new StringBuilder("CASE");
        for (PriorityLabel label : PriorityLabel.values()) {
            ScoreRange range = ScoreRange.of(labels, label);
            List<String> conditions = new ArrayList<>();
            range.min().ifPresent(min -> conditions.add("w.priority_score >= " + min));
            range.maxExclusive().ifPresent(max -> conditions.add("w.priority_score < " + max));
            out.append(" WHEN ").append(conditions.isEmpty() ? "true" : String.join(" AND ", conditions))
                    .append(" THEN ").append(policy.labelWeights().get(label));
        }
        return out.append(" END").toString();
    }

    private static String statuses(List<ExecutionStatus> statuses) {
        return statuses.stream().map(s -> inline(s, WORKFLOW_EXECUTIONS.STATUS).toString())
                .collect(Collectors.joining(", "));
    }
}
