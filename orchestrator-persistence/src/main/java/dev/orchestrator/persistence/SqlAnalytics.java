package dev.orchestrator.persistence;

import dev.orchestrator.core.application.port.out.AnalyticsReads;
import dev.orchestrator.core.domain.analytics.AnalyticsFactKind;
import dev.orchestrator.core.domain.analytics.AnalyticsFacts;
import dev.orchestrator.core.domain.analytics.AnalyticsGrouping;
import dev.orchestrator.core.domain.analytics.AnalyticsPeriod;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.views.Visibility;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * {@link AnalyticsFacts} in one statement: {@code facts}, one row per fact of the period (the events of
 * the period, through workflow_execution_events_by_time, V36, and the work due in it), derived as
 * {@link AnalyticsFacts#facts} derives them; then the totals by GROUPING SETS (each group, and the whole
 * scope) with PostgreSQL's {@code percentile_disc} for the {@link AnalyticsFactKind#timed} kinds and a
 * count for the others, and each definition's noise. Every action, kind,
 * status and code below is the core's constant, inlined.
 */
final class SqlAnalytics implements AnalyticsReads {

    private final DSLContext sql;

    SqlAnalytics(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public AnalyticsFacts.Totals totals(OrganizationId organization, Visibility scope, AnalyticsPeriod period,
            Optional<AnalyticsGrouping> grouping, Instant asOf) {
        List<AnalyticsFacts.Total> totals = new ArrayList<>();
        List<AnalyticsFacts.Noise> noise = new ArrayList<>();
        List<Record> rows = sql.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            t.execute("SET TRANSACTION READ ONLY");
            // The correlated look-ups make the planner's estimate large, and past jit_above_cost PostgreSQL
            // spends seconds compiling a statement that runs in a fraction of that (3.1 s of JIT for 0.1 s
            // of work at 10k executions, docs/performance.md): this statement runs without JIT.
            t.execute("SET LOCAL jit = off");
            // The totals sort every fact of the period once (~100k rows of ~100 bytes at 100k executions):
            // with the default 4 MB that sort spills to disk, 1.5 s became 2.2 s on a loaded machine.
            t.execute("SET LOCAL work_mem = '64MB'");
            return new SqlAnalytics(t).query(organization, scope, period, grouping, asOf).fetch();
        });
        for (Record r : rows) {
            if ("noise".equals(r.get("part", String.class))) {
                noise.add(new AnalyticsFacts.Noise(DefinitionId.of(UUID.fromString(r.get("grp", String.class))),
                        r.get("n", Long.class), r.get("noisy", Long.class), r.get("median", Long.class)));
            } else {
                boolean overall = r.get("overall", Integer.class) == 1;
                totals.add(new AnalyticsFacts.Total(overall ? Optional.empty() : Optional.of(r.get("grp", String.class)),
                        AnalyticsFactKind.fromWireName(r.get("kind", String.class)), r.get("code", String.class),
                        r.get("n", Long.class), r.get("median", Long.class), r.get("p90", Long.class)));
            }
        }
        return new AnalyticsFacts.Totals(totals, noise);
    }

    /** The statement (package-private for its EXPLAIN test and the benchmark). */
    ResultQuery<Record> query(OrganizationId organization, Visibility scope, AnalyticsPeriod period,
            Optional<AnalyticsGrouping> grouping, Instant asOf) {
        List<QueryPart> parts = new ArrayList<>();
        // {0} organization, {1} start, {2} end, {3} as of, {4} the CSMs in scope (when not the organization)
        parts.add(DSL.val(organization.value()));
        parts.add(time(period.start()));
        parts.add(time(period.end()));
        parts.add(time(asOf));
        String inScope;
        if (scope instanceof Visibility.WholeOrganization) {
            inScope = "";
        } else if (scope instanceof Visibility.AssignedTo assigned) {
            parts.add(DSL.val(assigned.csms().stream().map(ProfileId::value).sorted().toArray(UUID[]::new),
                    SQLDataType.UUID.array()));
            inScope = " AND x.assigned_csm_id = ANY({4})";
        } else {
            throw new IllegalArgumentException("analytics cover the organization or assigned work, not " + scope);
        }
        boolean byType = grouping.filter(g -> g == AnalyticsGrouping.WORKFLOW_TYPE).isPresent();
        String definitions = byType ? " JOIN workflow_definitions d ON d.organization_id = x.organization_id"
                + " AND d.id = x.workflow_definition_id" : "";
        String statement = """
                WITH facts AS MATERIALIZED (
                  SELECT %1$s AS grp, x.workflow_definition_id AS definition,
                    CASE e.action
                      WHEN %5$s THEN %12$s WHEN %6$s THEN %13$s WHEN %7$s THEN %14$s
                      WHEN %8$s THEN CASE WHEN e.actor_profile_id IS NULL THEN %16$s ELSE %15$s END
                      WHEN %9$s THEN %17$s WHEN %10$s THEN %18$s WHEN %11$s THEN %19$s END AS kind,
                    CASE WHEN e.action = %8$s AND e.actor_profile_id IS NOT NULL THEN e.reason_code END AS code,
                    CASE WHEN e.action IN (%6$s, %7$s, %8$s)
                           THEN floor(extract(epoch FROM e.occurred_at - x.created_at))::bigint
                         WHEN e.action = %11$s
                           THEN floor(extract(epoch FROM e.occurred_at - (
                             SELECT max(p.occurred_at) FROM workflow_execution_events p
                             WHERE p.organization_id = e.organization_id AND p.execution_id = e.execution_id
                               AND p.action = %10$s AND p.occurred_at <= e.occurred_at)))::bigint
                    END AS seconds
                  FROM workflow_execution_events e
                  JOIN workflow_executions x ON x.organization_id = e.organization_id AND x.id = e.execution_id%3$s
                  WHERE e.organization_id = {0} AND e.occurred_at >= {1} AND e.occurred_at < {2}
                    AND e.action IN (%5$s, %6$s, %7$s, %8$s, %9$s, %10$s, %11$s)
                    AND x.is_demo = false%4$s
                    AND (e.action <> %6$s OR NOT EXISTS (
                      SELECT 1 FROM workflow_execution_events p
                      WHERE p.organization_id = e.organization_id AND p.execution_id = e.execution_id
                        AND p.action = %6$s AND p.occurred_at < e.occurred_at))
                  UNION ALL
                  SELECT %2$s, x.workflow_definition_id, %20$s, NULL, NULL
                  FROM workflow_executions x%3$s
                  WHERE x.organization_id = {0}
                    AND COALESCE(x.due_at, 'infinity'::timestamptz) >= {1}
                    AND COALESCE(x.due_at, 'infinity'::timestamptz) < {2}
                    AND x.due_at < {3} AND x.is_demo = false%4$s
                    AND NOT COALESCE(CASE x.status WHEN %21$s THEN x.completed_at WHEN %22$s THEN x.skipped_at END
                                     <= x.due_at, false))
                SELECT 'totals' AS part, %27$s AS overall, %28$s AS grp, kind, code, count(*) AS n,
                  NULL::bigint AS noisy,
                  percentile_disc(%24$s) WITHIN GROUP (ORDER BY seconds) AS median,
                  percentile_disc(%25$s) WITHIN GROUP (ORDER BY seconds) AS p90
                FROM facts WHERE kind IN (%29$s)
                GROUP BY GROUPING SETS (%26$s(kind, code))
                UNION ALL
                SELECT 'totals', %27$s, %28$s, kind, code, count(*), NULL::bigint, NULL::bigint, NULL::bigint
                FROM facts WHERE kind NOT IN (%29$s)
                GROUP BY GROUPING SETS (%26$s(kind, code))
                UNION ALL
                SELECT 'noise', 1, definition::text, NULL, NULL, count(*), count(*) FILTER (WHERE noisy),
                  percentile_disc(%24$s) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE noisy), NULL
                FROM (SELECT definition, seconds,
                        kind = %16$s OR (kind = %15$s AND code IS NOT DISTINCT FROM %23$s) AS noisy
                      FROM facts WHERE kind IN (%14$s, %15$s, %16$s)) ended
                GROUP BY definition
                """.formatted(
                grouping.map(g -> key(g, "e.occurred_at")).orElse("NULL::text"),
                grouping.map(g -> key(g, "x.due_at")).orElse("NULL::text"),
                definitions, inScope,
                action(Action.CREATE), action(Action.START), action(Action.COMPLETE), action(Action.SKIP),
                action(Action.SNOOZE), action(Action.ESCALATE), action(Action.ACKNOWLEDGE),
                kind(AnalyticsFactKind.CREATED), kind(AnalyticsFactKind.STARTED), kind(AnalyticsFactKind.COMPLETED),
                kind(AnalyticsFactKind.SKIPPED), kind(AnalyticsFactKind.AUTO_CLOSED), kind(AnalyticsFactKind.SNOOZED),
                kind(AnalyticsFactKind.ESCALATED), kind(AnalyticsFactKind.ACKNOWLEDGED),
                kind(AnalyticsFactKind.OVERDUE),
                literal(ExecutionStatus.COMPLETED.wireName()), literal(ExecutionStatus.SKIPPED.wireName()),
                literal(AnalyticsFacts.NOT_RELEVANT),
                fraction(AnalyticsFacts.MEDIAN), fraction(AnalyticsFacts.P90),
                grouping.isPresent() ? "(grp, kind, code), " : "",
                // without groups every row is of the whole scope (and grouping(grp) would not be allowed)
                grouping.isPresent() ? "grouping(grp)" : "1",
                grouping.isPresent() ? "grp" : "NULL::text",
                // Percentiles sort their group's rows; the kinds without durations (creations, snoozes,
                // escalations, overdue work: ~80 % of the facts) are counted by a hash aggregate instead
                // (at 1M executions 0.55 s of sorting became 0.15 s, docs/performance.md).
                java.util.Arrays.stream(AnalyticsFactKind.values()).filter(AnalyticsFactKind::timed)
                        .map(SqlAnalytics::kind).collect(java.util.stream.Collectors.joining(", ")));
        return sql.resultQuery(statement, parts.toArray(QueryPart[]::new));
    }

    /** {@link AnalyticsGrouping#keyOf} in SQL, for a fact that happened at {@code at}. */
    static String key(AnalyticsGrouping grouping, String at) {
        return switch (grouping) {
            case CSM -> "x.assigned_csm_id::text";
            case DEFINITION -> "x.workflow_definition_id::text";
            case WORKFLOW_TYPE -> "d.workflow_type::text";
            // ISO weeks start on Monday, as AnalyticsGrouping.weekOf's.
            case WEEK -> "to_char(date_trunc('week', " + at + " AT TIME ZONE 'UTC'), 'YYYY-MM-DD')";
        };
    }

    private static String action(Action action) {
        return literal(action.wireName());
    }

    private static String kind(AnalyticsFactKind kind) {
        return literal(kind.wireName());
    }

    /** A core constant as an SQL string literal (they are lower-case words: nothing to escape but quotes). */
    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** A percentile's fraction, as the double PostgreSQL's percentile_disc takes (the core's double, exactly). */
    private static String fraction(double value) {
        return "CAST(" + Double.toString(value) + " AS double precision)";
    }

    private static Field<OffsetDateTime> time(Instant instant) {
        return DSL.val(Codes.timestamp(instant), SQLDataType.TIMESTAMPWITHTIMEZONE);
    }
}
