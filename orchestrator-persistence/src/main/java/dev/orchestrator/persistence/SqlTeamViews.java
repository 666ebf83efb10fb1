package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTION_EVENTS;
import static org.jooq.impl.DSL.inline;

import dev.orchestrator.core.application.port.out.TeamViews;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.priority.PriorityLabel;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.team.CsmWorkload;
import dev.orchestrator.core.domain.team.TeamWindows;
import dev.orchestrator.core.domain.views.ScoreRange;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The team view in one statement: per CSM, aggregates FILTERed by {@link TeamWindows}' conditions over
 * four index-backed reads (open work, open escalations with their last escalate event, completed and
 * skipped within the long window; V29's indexes), full-joined by CSM. Labels are score ranges
 * ({@link ScoreRange}), so that the label thresholds stay the policy's.
 */
final class SqlTeamViews implements TeamViews {

    /** {@link TeamWindows#isOpenEscalation} in SQL (on open rows). */
    static final String OPEN_ESCALATION = "w.escalation_user_id IS NOT NULL AND (w.escalation_state IS NULL OR w.escalation_state = '"
            + dev.orchestrator.core.domain.escalation.EscalationState.OPEN.wireName() + "')";

    private final DSLContext sql;
    /** The statement, rendered once per label thresholds (they are inlined). */
    private final RenderedOnce statements;

    SqlTeamViews(DSLContext sql) {
        this.sql = sql;
        this.statements = new RenderedOnce(sql);
    }

    @Override
    public List<CsmWorkload> workloads(OrganizationId organizationId, Set<ProfileId> csms, TeamWindows windows,
            PriorityPolicy.LabelThresholds labels) {
        List<CsmWorkload> lines = new ArrayList<>();
        RenderedOnce.Binds binds = new RenderedOnce.Binds("team");
        ResultQuery<Record> query = query(binds, organizationId, csms, windows, labels);
        for (Record r : statements.fetch(binds, query)) {
            EnumMap<PriorityLabel, Long> byLabel = new EnumMap<>(PriorityLabel.class);
            long open = 0;
            for (PriorityLabel label : PriorityLabel.values()) {
                long n = r.get(label.name().toLowerCase(java.util.Locale.ROOT), Long.class);
                byLabel.put(label, n);
                open += n;
            }
            lines.add(new CsmWorkload(ProfileId.of(r.get("csm", UUID.class)), byLabel, open,
                    r.get("underway", Long.class), r.get("resurfacing", Long.class), r.get("escalations", Long.class),
                    Optional.ofNullable(r.get("oldest", OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                    r.get("completed_short", Long.class), r.get("completed_long", Long.class),
                    r.get("skipped_short", Long.class), r.get("skipped_long", Long.class)));
        }
        return lines;
    }

    /** The statement (package-private for its EXPLAIN test). */
    ResultQuery<Record> query(OrganizationId organizationId, Set<ProfileId> csms, TeamWindows windows,
            PriorityPolicy.LabelThresholds labels) {
        return query(new RenderedOnce.Binds("team"), organizationId, csms, windows, labels);
    }

    /** The statement, every value made by {@code binds}; its shape is the label thresholds (for RenderedOnceTest). */
    ResultQuery<Record> query(RenderedOnce.Binds binds, OrganizationId organizationId, Set<ProfileId> csms,
            TeamWindows windows, PriorityPolicy.LabelThresholds labels) {
        UUID[] ids = csms.stream().map(ProfileId::value).sorted().toArray(UUID[]::new);
        binds.mark(labels);
        List<QueryPart> parts = new ArrayList<>();
        // {0} organization, {1} CSMs, {2}-{4} the open statuses, {5}-{8} instants, {9}-{11} closed statuses and
        // the escalate action
        parts.add(binds.val(organizationId.value(), WORKFLOW_EXECUTIONS.ORGANIZATION_ID));
        parts.add(binds.val(ids, SQLDataType.UUID.array()));
        parts.add(inline(ExecutionStatus.NOT_STARTED, WORKFLOW_EXECUTIONS.STATUS));
        parts.add(inline(ExecutionStatus.UNDERWAY, WORKFLOW_EXECUTIONS.STATUS));
        parts.add(inline(ExecutionStatus.SNOOZED, WORKFLOW_EXECUTIONS.STATUS));
        parts.add(time(binds, windows.resurfacingBefore()));
        parts.add(time(binds, windows.shortWindowStart()));
        parts.add(time(binds, windows.longWindowStart()));
        parts.add(time(binds, windows.asOf()));
        parts.add(inline(ExecutionStatus.COMPLETED, WORKFLOW_EXECUTIONS.STATUS));
        parts.add(inline(ExecutionStatus.SKIPPED, WORKFLOW_EXECUTIONS.STATUS));
        parts.add(inline(Action.ESCALATE, WORKFLOW_EXECUTION_EVENTS.ACTION));
        String mine = "w.organization_id = {0} AND w.assigned_csm_id = ANY({1}) AND w.is_demo = false";
        String open = "w.status IN ({2}, {3}, {4})";
        StringBuilder labelCounts = new StringBuilder();
        for (PriorityLabel label : PriorityLabel.values()) {
            labelCounts.append("count(*) FILTER (WHERE ").append(range(ScoreRange.of(labels, label))).append(") AS ")
                    .append(label.name().toLowerCase(java.util.Locale.ROOT)).append(",\n");
        }
        String statement = """
                WITH open AS (
                  SELECT w.assigned_csm_id AS csm,
                  %1$s
                    count(*) FILTER (WHERE w.status = {3}) AS underway,
                    count(*) FILTER (WHERE w.status = {4} AND w.snooze_until < {5}) AS resurfacing,
                    count(*) FILTER (WHERE %4$s) AS escalations
                  FROM workflow_executions w
                  WHERE %2$s AND %3$s
                  GROUP BY w.assigned_csm_id),
                waiting AS (
                  SELECT w.assigned_csm_id AS csm,
                    min(COALESCE((SELECT max(v.occurred_at) FROM workflow_execution_events v
                                  WHERE v.organization_id = w.organization_id AND v.execution_id = w.id
                                    AND v.action = {11}), w.created_at)) AS oldest
                  FROM workflow_executions w
                  WHERE %2$s AND %3$s AND %4$s
                  GROUP BY w.assigned_csm_id),
                completed AS (
                  SELECT w.assigned_csm_id AS csm,
                    count(*) FILTER (WHERE w.completed_at >= {6}) AS completed_short,
                    count(*) AS completed_long
                  FROM workflow_executions w
                  WHERE %2$s AND w.status = {9} AND w.completed_at >= {7}
                  GROUP BY w.assigned_csm_id),
                skipped AS (
                  SELECT w.assigned_csm_id AS csm,
                    count(*) FILTER (WHERE w.skipped_at >= {6}) AS skipped_short,
                    count(*) AS skipped_long
                  FROM workflow_executions w
                  WHERE %2$s AND w.status = {10} AND w.skipped_at >= {7}
                  GROUP BY w.assigned_csm_id)
                SELECT csm, %5$s
                  COALESCE(open.underway, 0) AS underway, COALESCE(open.resurfacing, 0) AS resurfacing,
                  COALESCE(open.escalations, 0) AS escalations, waiting.oldest,
                  COALESCE(completed.completed_short, 0) AS completed_short,
                  COALESCE(completed.completed_long, 0) AS completed_long,
                  COALESCE(skipped.skipped_short, 0) AS skipped_short,
                  COALESCE(skipped.skipped_long, 0) AS skipped_long
                FROM open FULL JOIN waiting USING (csm) FULL JOIN completed USING (csm) FULL JOIN skipped USING (csm)
                """.formatted(labelCounts, mine, open, OPEN_ESCALATION, coalescedLabels());
        return sql.resultQuery(statement, parts.toArray(QueryPart[]::new));
    }

    private static String coalescedLabels() {
        StringBuilder out = new StringBuilder();
        for (PriorityLabel label : PriorityLabel.values()) {
            String column = label.name().toLowerCase(java.util.Locale.ROOT);
            out.append("COALESCE(open.").append(column).append(", 0) AS ").append(column).append(", ");
        }
        return out.toString();
    }

    /** A label's score range as a condition on the stored score (inline numbers: they are the policy's). */
    private static String range(ScoreRange range) {
        List<String> conditions = new ArrayList<>();
        range.min().ifPresent(min -> conditions.add("w.priority_score >= " + min));
        range.maxExclusive().ifPresent(max -> conditions.add("w.priority_score < " + max));
        return conditions.isEmpty() ? "true" : String.join(" AND ", conditions);
    }

    private static Field<OffsetDateTime> time(RenderedOnce.Binds binds, java.time.Instant instant) {
        return binds.val(Codes.timestamp(instant), SQLDataType.TIMESTAMPWITHTIMEZONE);
    }
}
