package dev.orchestrator.core.domain.priority;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.explain.Contribution;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Scores one execution under a {@link PriorityPolicy}, explaining every point. */
public final class PriorityEvaluator {

    public static final String SNOOZE_DUE = "snooze_due";
    public static final String SNOOZE_LATER = "snooze_later";
    public static final String WORKFLOW_WEIGHT = "workflow_weight";
    public static final String REVENUE_IMPACT = "revenue_impact";
    public static final String CHURN_RISK = "churn_risk";
    public static final String USAGE = "usage";
    public static final String DUE_SOON = "due_soon";

    private final PriorityPolicy policy;

    public PriorityEvaluator(PriorityPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public PriorityPolicy policy() {
        return policy;
    }

    /** The score of {@code input} on {@code today} (a UTC calendar date). */
    public PriorityScore evaluate(PriorityInput input, LocalDate today) {
        List<Contribution> parts = new ArrayList<>();
        if (input.status() == ExecutionStatus.SNOOZED && input.snoozeUntil() != null) {
            parts.add(snoozed(input, today));
        } else {
            active(input, parts);
            due(input, today).ifPresent(parts::add);
        }
        int total = parts.stream().mapToInt(Contribution::points).sum();
        return new PriorityScore(total, policy.labels().labelFor(total), parts);
    }

    private Contribution snoozed(PriorityInput input, LocalDate today) {
        PriorityPolicy.SnoozeRanking snooze = policy.snooze();
        LocalDate due = input.snoozeUntil().atOffset(ZoneOffset.UTC).toLocalDate();
        int daysOverdue = Math.toIntExact(ChronoUnit.DAYS.between(due, today));
        if (daysOverdue >= -snooze.dueSoonDays()) {
            String when = daysOverdue > 0 ? "overdue by " + days(daysOverdue)
                    : daysOverdue == 0 ? "due today" : "due in " + days(-daysOverdue);
            return new Contribution(SNOOZE_DUE, snooze.dueSoonBase() + daysOverdue,
                    "snoozed, " + when + ": back on top of the queue");
        }
        return new Contribution(SNOOZE_LATER, snooze.laterBase() - Math.abs(daysOverdue),
                "snoozed, due in " + days(-daysOverdue) + ": parked below active work");
    }

    private void active(PriorityInput input, List<Contribution> parts) {
        parts.add(new Contribution(WORKFLOW_WEIGHT, input.priorityWeight(),
                input.workflowType().wireName() + " workflow weight"));
        if (input.revenueImpactTier() != null) {
            parts.add(new Contribution(REVENUE_IMPACT, input.revenueImpactTier() * policy.revenueImpactPointsPerTier(),
                    "revenue impact tier " + input.revenueImpactTier() + " × " + policy.revenueImpactPointsPerTier()));
        }
        if (input.churnRiskScore() != null && policy.churnRiskTypes().contains(input.workflowType())) {
            parts.add(new Contribution(CHURN_RISK, input.churnRiskScore() * policy.churnRiskPointsPerPoint(),
                    "churn risk " + input.churnRiskScore() + " × " + policy.churnRiskPointsPerPoint()));
        }
        if (input.usageScore() != null && policy.usageTypes().contains(input.workflowType())) {
            parts.add(new Contribution(USAGE, Math.floorDiv(input.usageScore(), policy.usageScoreDivisor()),
                    "usage score " + input.usageScore() + " ÷ " + policy.usageScoreDivisor() + ", rounded down"));
        }
    }

    /** {@link PriorityPolicy.DueProximity}: points once the due date is at most {@code withinDays} away. */
    private Optional<Contribution> due(PriorityInput input, LocalDate today) {
        if (input.dueAt() == null) {
            return Optional.empty();
        }
        PriorityPolicy.DueProximity due = policy.due();
        LocalDate date = input.dueAt().atOffset(ZoneOffset.UTC).toLocalDate();
        long daysUntil = ChronoUnit.DAYS.between(today, date);
        if (daysUntil > due.withinDays()) {
            return Optional.empty();
        }
        String when = daysUntil < 0 ? "overdue by " + days(Math.toIntExact(-daysUntil))
                : daysUntil == 0 ? "due today" : "due in " + days(Math.toIntExact(daysUntil));
        return Optional.of(new Contribution(DUE_SOON, due.points(),
                when + " (" + date + "), within the " + due.withinDays() + "-day window"));
    }

    private static String days(int n) {
        return n == 1 ? "1 day" : n + " days";
    }
}
