package dev.orchestrator.core.domain.signals;

import dev.orchestrator.core.domain.customer.CustomerDates;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.workflow.TriggerConditions;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which workflows a customer's signals call for.
 *
 * <p>A definition triggers when it is active, not a demo, names at least one threshold
 * ({@code opportunity_score_min}, {@code risk_score_min}) and every threshold it names is met; and
 * never while the customer already has a non-terminal execution of it.
 *
 * <p>Date triggers ({@code renewal_within_days}, {@code annual_review_within_days}) join the
 * thresholds as conditions of the same kind: {@link #triggered} fires a definition that names at
 * least one condition of either kind when every condition it names holds (a definition with a risk
 * threshold and a renewal window needs both). A window of N days holds when the customer's date is
 * known and at most N days ahead of today or at most N days past. The two-argument
 * {@link #triggers(TriggerConditions, SignalScores)} is the threshold part alone.
 */
public final class SignalInterpreter {

    private SignalInterpreter() {
    }

    public static List<WorkflowDefinition> definitionsToTrigger(
            SignalScores scores, List<WorkflowDefinition> definitions, Set<DefinitionId> alreadyActive) {
        return definitions.stream()
                .filter(d -> d.active() && !d.demo())
                .filter(d -> !alreadyActive.contains(d.id()))
                .filter(d -> triggers(d.triggerConditions(), scores))
                .toList();
    }

    /**
     * {@link #definitionsToTrigger(SignalScores, List, Set)}, also leaving out every definition still
     * cooling down ({@link CooldownRule}) after the customer's latest completed or skipped execution of it,
     * whose closing times {@code lastClosed} holds by definition.
     */
    public static List<WorkflowDefinition> definitionsToTrigger(SignalScores scores, List<WorkflowDefinition> definitions,
            Set<DefinitionId> alreadyActive, Map<DefinitionId, Instant> lastClosed, Instant now) {
        return definitionsToTrigger(scores, definitions.stream()
                .filter(d -> !CooldownRule.cooling(d.triggerConditions(), lastClosed.get(d.id()), now))
                .toList(), alreadyActive);
    }

    public static boolean triggers(TriggerConditions conditions, SignalScores scores) {
        Optional<BigDecimal> opportunityMin = conditions.opportunityScoreMin();
        Optional<BigDecimal> riskMin = conditions.riskScoreMin();
        if (opportunityMin.isEmpty() && riskMin.isEmpty()) {
            return false;
        }
        return meets(scores.opportunity().value(), opportunityMin) && meets(scores.risk().value(), riskMin);
    }

    private static boolean meets(int score, Optional<BigDecimal> minimum) {
        return minimum.map(min -> BigDecimal.valueOf(score).compareTo(min) >= 0).orElse(true);
    }

    /**
     * The definitions a customer's signals and dates call for on {@code today} (a UTC date, from the
     * caller's clock), each with its due date: see the class comment.
     */
    public static List<TriggeredWorkflow> triggered(SignalScores scores, CustomerDates dates, LocalDate today,
            List<WorkflowDefinition> definitions, Set<DefinitionId> alreadyActive) {
        return definitions.stream()
                .filter(d -> d.active() && !d.demo())
                .filter(d -> !alreadyActive.contains(d.id()))
                .filter(d -> triggers(d.triggerConditions(), scores, dates, today))
                .map(d -> new TriggeredWorkflow(d, dueDate(d.triggerConditions(), dates)))
                .toList();
    }

    /**
     * {@link #triggered(SignalScores, CustomerDates, LocalDate, List, Set)}, also leaving out every
     * definition still cooling down ({@link CooldownRule}) after the customer's latest completed or
     * skipped execution of it, whose closing times {@code lastClosed} holds by definition.
     */
    public static List<TriggeredWorkflow> triggered(SignalScores scores, CustomerDates dates, LocalDate today,
            List<WorkflowDefinition> definitions, Set<DefinitionId> alreadyActive, Map<DefinitionId, Instant> lastClosed,
            Instant now) {
        return triggered(scores, dates, today, definitions.stream()
                .filter(d -> !CooldownRule.cooling(d.triggerConditions(), lastClosed.get(d.id()), now))
                .toList(), alreadyActive);
    }

    /** Whether {@code conditions} fire: at least one threshold or window named, and every named one holds. */
    public static boolean triggers(TriggerConditions conditions, SignalScores scores, CustomerDates dates,
            LocalDate today) {
        Optional<BigDecimal> opportunityMin = conditions.opportunityScoreMin();
        Optional<BigDecimal> riskMin = conditions.riskScoreMin();
        Optional<Long> renewalWithin = conditions.renewalWithinDays();
        Optional<Long> reviewWithin = conditions.annualReviewWithinDays();
        if (opportunityMin.isEmpty() && riskMin.isEmpty() && renewalWithin.isEmpty() && reviewWithin.isEmpty()) {
            return false;
        }
        return meets(scores.opportunity().value(), opportunityMin) && meets(scores.risk().value(), riskMin)
                && within(dates.renewalDate(), renewalWithin, today)
                && within(dates.annualReviewDate(), reviewWithin, today);
    }

    /**
     * The date an execution of a definition with {@code conditions} is due by: the renewal date when
     * it names a renewal window, the review date when it names a review window, the earlier of the
     * two when it names both; null when it names neither.
     */
    public static LocalDate dueDate(TriggerConditions conditions, CustomerDates dates) {
        LocalDate renewal = conditions.renewalWithinDays().isPresent() ? dates.renewalDate() : null;
        LocalDate review = conditions.annualReviewWithinDays().isPresent() ? dates.annualReviewDate() : null;
        if (renewal == null || review == null) {
            return renewal != null ? renewal : review;
        }
        return renewal.isBefore(review) ? renewal : review;
    }

    /** {@code |date − today| ≤ days} in whole days; an unnamed window holds, an unknown date does not. */
    private static boolean within(LocalDate date, Optional<Long> days, LocalDate today) {
        if (days.isEmpty()) {
            return true;
        }
        return date != null && Math.abs(ChronoUnit.DAYS.between(today, date)) <= days.get();
    }
}
