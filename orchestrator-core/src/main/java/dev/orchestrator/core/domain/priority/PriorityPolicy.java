package dev.orchestrator.core.domain.priority;

import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The priority policy as data: every number that decides where an execution ranks. The Java
 * evaluator ({@link PriorityEvaluator}) and the SQL used for bulk recomputes are both derived from
 * one instance of this record, so the two cannot drift apart.
 *
 * @param typeTiers default priority weight of each workflow type (a definition may override it)
 * @param revenueImpactPointsPerTier points per revenue impact tier (0..5), for every workflow
 * @param churnRiskPointsPerPoint points per churn risk point (0..10), for {@code churnRiskTypes}
 * @param churnRiskTypes workflow types that get the churn risk boost
 * @param usageScoreDivisor the usage score (0..100) is divided by this and floored, for {@code usageTypes}
 * @param usageTypes workflow types that get the usage boost
 * @param snooze how snoozed executions rank
 * @param labels score thresholds of the labels
 * @param due how the nearness of a due date (renewal, annual review) raises active work
 */
public record PriorityPolicy(
        Map<WorkflowType, Integer> typeTiers,
        int revenueImpactPointsPerTier,
        int churnRiskPointsPerPoint,
        Set<WorkflowType> churnRiskTypes,
        int usageScoreDivisor,
        Set<WorkflowType> usageTypes,
        SnoozeRanking snooze,
        LabelThresholds labels,
        DueProximity due) {

    /**
     * Snoozed executions leave the normal ranking. {@code daysOverdue} is today minus the snooze date
     * in whole UTC calendar days: one due within {@code dueSoonDays} days (or overdue) ranks at
     * {@code dueSoonBase + daysOverdue}, above every active workflow; one due later ranks at
     * {@code laterBase - |daysOverdue|}, below them.
     */
    public record SnoozeRanking(int dueSoonDays, int dueSoonBase, int laterBase) {
    }

    /**
     * An execution that is not snoozed and has a due date ({@code due_at}, set by a renewal or review
     * trigger) gains {@code points} once {@code daysUntilDue} (the due date minus today, in whole UTC
     * calendar days) is at most {@code withinDays}; overdue work (negative days) keeps them.
     * Executions without a due date, or due later, get nothing from this rule.
     */
    public record DueProximity(int withinDays, int points) {
    }

    /** Lowest score of each label; anything below {@code medium} is low. */
    public record LabelThresholds(int critical, int high, int medium) {
        public PriorityLabel labelFor(int score) {
            if (score >= critical) {
                return PriorityLabel.CRITICAL;
            }
            if (score >= high) {
                return PriorityLabel.HIGH;
            }
            return score >= medium ? PriorityLabel.MEDIUM : PriorityLabel.LOW;
        }
    }

    /**
     * The range of a definition's priority weight. Wide enough for any tiering (the standard tiers are
     * 500..900), narrow enough that a score (weight plus bounded boosts) can never overflow.
     */
    public static final int MIN_WEIGHT = -100_000;
    public static final int MAX_WEIGHT = 100_000;

    /** The policy of the original prototype, which customers already know. */
    public static final PriorityPolicy STANDARD = new PriorityPolicy(
            tiers(900, 800, 700, 600, 500),
            5,
            5, EnumSet.of(WorkflowType.RISK),
            10, EnumSet.of(WorkflowType.OPPORTUNITY),
            new SnoozeRanking(3, 1000, 400),
            new LabelThresholds(900, 700, 500),
            // Explained on due work, but worth 0 points: the prototype's scores stay exactly as they were.
            new DueProximity(30, 0));

    public PriorityPolicy {
        Objects.requireNonNull(snooze, "snooze");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(due, "due");
        if (!typeTiers.keySet().containsAll(EnumSet.allOf(WorkflowType.class))) {
            throw new IllegalArgumentException("every workflow type needs a tier: " + typeTiers);
        }
        if (usageScoreDivisor <= 0) {
            throw new IllegalArgumentException("usageScoreDivisor must be positive");
        }
        typeTiers = Collections.unmodifiableMap(new EnumMap<>(typeTiers));
        churnRiskTypes = Collections.unmodifiableSet(copy(churnRiskTypes));
        usageTypes = Collections.unmodifiableSet(copy(usageTypes));
    }

    public int defaultWeight(WorkflowType type) {
        return typeTiers.get(type);
    }

    private static Map<WorkflowType, Integer> tiers(int risk, int opportunity, int strategic, int renewal, int custom) {
        Map<WorkflowType, Integer> tiers = new EnumMap<>(WorkflowType.class);
        tiers.put(WorkflowType.RISK, risk);
        tiers.put(WorkflowType.OPPORTUNITY, opportunity);
        tiers.put(WorkflowType.STRATEGIC, strategic);
        tiers.put(WorkflowType.RENEWAL, renewal);
        tiers.put(WorkflowType.CUSTOM, custom);
        return tiers;
    }

    private static Set<WorkflowType> copy(Set<WorkflowType> types) {
        return types.isEmpty() ? EnumSet.noneOf(WorkflowType.class) : EnumSet.copyOf(types);
    }
}
