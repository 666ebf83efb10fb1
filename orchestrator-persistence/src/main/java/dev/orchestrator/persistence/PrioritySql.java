package dev.orchestrator.persistence;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.priority.PriorityEvaluator;
import dev.orchestrator.core.domain.priority.PriorityLabel;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The priority score as one SQL expression, built from a {@link PriorityPolicy}'s data: the same
 * rules {@link PriorityEvaluator} applies in Java, so bulk recomputes and the evaluator cannot
 * drift apart (the contract tests compare them row by row). Every number of the policy is inlined
 * as a literal; the expression is plain integer arithmetic and CASE, no function calls per row
 * beyond a date cast for snoozed rows.
 */
final class PrioritySql {

    /** The columns the score depends on, from whatever tables the caller joined. */
    record Inputs(
            Field<ExecutionStatus> status,
            Field<OffsetDateTime> snoozeUntil,
            Field<WorkflowType> workflowType,
            Field<Integer> priorityWeight,
            Field<? extends Number> revenueImpactTier,
            Field<? extends Number> churnRiskScore,
            Field<? extends Number> usageScore,
            Field<OffsetDateTime> dueAt) {
    }

    private PrioritySql() {
    }

    /** The score of an execution on {@code today} (a UTC date), snoozed or not. */
    static Field<Integer> scoreExpression(PriorityPolicy policy, LocalDate today, Inputs in) {
        Condition snoozed = in.status().eq(DSL.inline(ExecutionStatus.SNOOZED, in.status()))
                .and(in.snoozeUntil().isNotNull());
        return DSL.when(snoozed, snoozedScore(policy.snooze(), today, in.snoozeUntil()))
                .otherwise(activeScore(policy, today, in));
    }

    /**
     * The score of an execution that is not snoozed on {@code today}: {@link #activeScore} plus the
     * due rule. What a newly created execution is scored with.
     */
    static Field<Integer> activeScore(PriorityPolicy policy, LocalDate today, Inputs in) {
        PriorityPolicy.DueProximity due = policy.due();
        // Points of 0 (the standard policy) add nothing: the expression stays as it was, reading no column.
        return due.points() == 0 ? activeScore(policy, in) : activeScore(policy, in).plus(dueScore(due, today, in.dueAt()));
    }

    /**
     * {@link PriorityPolicy.DueProximity}: {@code points} when {@code due_at} is set and
     * {@code (due_at AT TIME ZONE 'UTC')::date − today ≤ withinDays}, else 0 (a NULL {@code due_at}
     * compares as unknown, so it takes the ELSE branch).
     */
    private static Field<Integer> dueScore(PriorityPolicy.DueProximity due, LocalDate today, Field<OffsetDateTime> dueAt) {
        Field<Integer> daysUntil = DSL.field("(({0} AT TIME ZONE 'UTC')::date - {1})", SQLDataType.INTEGER,
                dueAt, DSL.inline(today));
        return DSL.when(daysUntil.le(DSL.inline(due.withinDays())), DSL.inline(due.points())).otherwise(DSL.inline(0));
    }

    /**
     * The score of an execution that is not snoozed: workflow weight + revenue tier × points, plus
     * churn risk × points for the churn types and ⌊usage ÷ divisor⌋ for the usage types. A missing
     * signal adds nothing.
     */
    static Field<Integer> activeScore(PriorityPolicy policy, Inputs in) {
        Field<Integer> score = in.priorityWeight();
        score = score.plus(DSL.coalesce(times(in.revenueImpactTier(), policy.revenueImpactPointsPerTier()), DSL.inline(0)));
        score = score.plus(forTypes(in.workflowType(), policy.churnRiskTypes(),
                times(in.churnRiskScore(), policy.churnRiskPointsPerPoint())));
        score = score.plus(forTypes(in.workflowType(), policy.usageTypes(),
                floorDiv(in.usageScore(), policy.usageScoreDivisor())));
        return score;
    }

    /**
     * {@code days_overdue = today − (snooze_until AT TIME ZONE 'UTC')::date}; due within
     * {@code dueSoonDays} (or overdue): {@code dueSoonBase + days_overdue}; later:
     * {@code laterBase − |days_overdue|}.
     */
    private static Field<Integer> snoozedScore(PriorityPolicy.SnoozeRanking snooze, LocalDate today,
            Field<OffsetDateTime> snoozeUntil) {
        Field<Integer> daysOverdue = DSL.field("({0} - ({1} AT TIME ZONE 'UTC')::date)", SQLDataType.INTEGER,
                DSL.inline(today), snoozeUntil);
        // In the "later" branch days_overdue < -dueSoonDays; when dueSoonDays >= 0 it is negative,
        // so |days_overdue| = -days_overdue and no abs() call is needed.
        Field<Integer> later = snooze.dueSoonDays() >= 0
                ? DSL.inline(snooze.laterBase()).plus(daysOverdue)
                : DSL.inline(snooze.laterBase()).minus(DSL.abs(daysOverdue));
        return DSL.when(daysOverdue.ge(DSL.inline(-snooze.dueSoonDays())), DSL.inline(snooze.dueSoonBase()).plus(daysOverdue))
                .otherwise(later);
    }

    /**
     * The parts of {@link #scoreExpression} by rule, as the JSON object {@code {rule: points}} of
     * {@link PriorityEvaluator}'s contributions (the same rule names, the same lines present: a
     * missing signal or a type outside a rule's types gives no line; the due rule gives one, of its
     * points, whenever the due date is within the window, even at 0 points). The values add up to
     * the score. Stored with a re-scored row so that the next change can say which parts moved.
     */
    static Field<JSONB> partsExpression(PriorityPolicy policy, LocalDate today, Inputs in) {
        Condition snoozed = in.status().eq(DSL.inline(ExecutionStatus.SNOOZED, in.status()))
                .and(in.snoozeUntil().isNotNull());
        PriorityPolicy.SnoozeRanking snooze = policy.snooze();
        Field<Integer> daysOverdue = DSL.field("({0} - ({1} AT TIME ZONE 'UTC')::date)", SQLDataType.INTEGER,
                DSL.inline(today), in.snoozeUntil());
        Field<String> snoozeRule = DSL.when(daysOverdue.ge(DSL.inline(-snooze.dueSoonDays())),
                DSL.inline(PriorityEvaluator.SNOOZE_DUE)).otherwise(DSL.inline(PriorityEvaluator.SNOOZE_LATER));
        Field<JSONB> snoozedParts = DSL.field("jsonb_build_object({0}, {1})", SQLDataType.JSONB, snoozeRule,
                snoozedScore(snooze, today, in.snoozeUntil()));
        PriorityPolicy.DueProximity due = policy.due();
        Field<Integer> daysUntil = DSL.field("(({0} AT TIME ZONE 'UTC')::date - {1})", SQLDataType.INTEGER,
                in.dueAt(), DSL.inline(today));
        Field<Integer> dueLine = DSL.when(daysUntil.le(DSL.inline(due.withinDays())), DSL.inline(due.points()));
        Field<JSONB> activeParts = DSL.field("jsonb_strip_nulls(jsonb_build_object({0}, {1}, {2}, {3}, {4}, {5}, "
                        + "{6}, {7}, {8}, {9}))", SQLDataType.JSONB,
                DSL.inline(PriorityEvaluator.WORKFLOW_WEIGHT), in.priorityWeight(),
                DSL.inline(PriorityEvaluator.REVENUE_IMPACT), times(in.revenueImpactTier(), policy.revenueImpactPointsPerTier()),
                DSL.inline(PriorityEvaluator.CHURN_RISK), onlyForTypes(in.workflowType(), policy.churnRiskTypes(),
                        times(in.churnRiskScore(), policy.churnRiskPointsPerPoint())),
                DSL.inline(PriorityEvaluator.USAGE), onlyForTypes(in.workflowType(), policy.usageTypes(),
                        floorDiv(in.usageScore(), policy.usageScoreDivisor())),
                DSL.inline(PriorityEvaluator.DUE_SOON), dueLine);
        return DSL.when(snoozed, snoozedParts).otherwise(activeParts);
    }

    /** {@code points} when the workflow type is one of {@code types}, else NULL (no line). */
    private static Field<Integer> onlyForTypes(Field<WorkflowType> type, Set<WorkflowType> types, Field<Integer> points) {
        if (types.isEmpty()) {
            return DSL.inline((Integer) null);
        }
        List<Field<WorkflowType>> literals = types.stream().sorted()
                .<Field<WorkflowType>>map(t -> DSL.inline(t, type)).toList();
        return DSL.when(type.in(literals), points);
    }

    /** {@code value × factor} as an integer; NULL when the signal is missing. */
    private static Field<Integer> times(Field<? extends Number> value, int factor) {
        return integer(value).times(DSL.inline(factor));
    }

    /**
     * {@code Math.floorDiv(value, divisor)} for a positive divisor, in integer arithmetic:
     * SQL's {@code /} truncates toward zero, so subtract the floor-modulus first
     * ({@code ((v % d) + d) % d}) to make the division exact for negative values too.
     */
    private static Field<Integer> floorDiv(Field<? extends Number> value, int divisor) {
        Field<Integer> v = integer(value);
        Field<Integer> d = DSL.inline(divisor);
        Field<Integer> floorMod = v.mod(d).plus(d).mod(d);
        return v.minus(floorMod).div(d);
    }

    /** {@code COALESCE(points, 0)} when the workflow type is one of {@code types}, else 0. */
    private static Field<Integer> forTypes(Field<WorkflowType> type,
            Set<WorkflowType> types, Field<Integer> points) {
        if (types.isEmpty()) {
            return DSL.inline(0);
        }
        List<Field<WorkflowType>> literals = types.stream().sorted()
                .<Field<WorkflowType>>map(t -> DSL.inline(t, type)).toList();
        return DSL.when(type.in(literals), DSL.coalesce(points, DSL.inline(0))).otherwise(DSL.inline(0));
    }

    /**
     * A SMALLINT signal typed as an integer on the Java side only: {@code coerce} renders no cast,
     * and PostgreSQL's smallint-with-integer arithmetic already yields integers.
     */
    private static Field<Integer> integer(Field<? extends Number> value) {
        return value.coerce(SQLDataType.INTEGER);
    }

    /**
     * {@link PriorityPolicy.LabelThresholds#labelFor} of {@code score}: the label's enum name
     * ({@code CRITICAL}, ...), NULL for a NULL score.
     */
    static Field<String> label(PriorityPolicy.LabelThresholds labels, Field<Integer> score) {
        return DSL.when(score.isNull(), DSL.inline((String) null))
                .when(score.ge(DSL.inline(labels.critical())), DSL.inline(PriorityLabel.CRITICAL.name()))
                .when(score.ge(DSL.inline(labels.high())), DSL.inline(PriorityLabel.HIGH.name()))
                .when(score.ge(DSL.inline(labels.medium())), DSL.inline(PriorityLabel.MEDIUM.name()))
                .otherwise(DSL.inline(PriorityLabel.LOW.name()));
    }
}
