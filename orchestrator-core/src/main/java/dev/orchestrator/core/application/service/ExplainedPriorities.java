package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.port.out.SignalLifecycle;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.explain.Contribution;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.policy.PolicyVersion;
import dev.orchestrator.core.domain.priority.PriorityEvaluator;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.priority.PriorityScore;
import dev.orchestrator.core.domain.queue.QueueEntry;
import dev.orchestrator.core.domain.signals.EarlyWakeRule;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The explained priority a person sees next to an execution, wherever it is shown (queue, one
 * execution, lists): the evaluator's score and lines, plus a 0-point line saying why it is back when
 * the daily job woke it early from snooze. One place, so every view explains the same execution alike.
 */
final class ExplainedPriorities {

    private final PolicySource policies;
    private final SignalLifecycle lifecycle;

    ExplainedPriorities(PolicySource policies, SignalLifecycle lifecycle) {
        this.policies = policies;
        this.lifecycle = lifecycle;
    }

    /** Each entry's explained priority on {@code today}, in the entries' order. */
    List<PriorityScore> of(OrganizationId organization, List<QueueEntry> entries, LocalDate today) {
        // The organization's current policy: the one its open work was last scored with (applying a
        // version re-scores the open work in the same transaction), named in every explanation.
        return of(organization, entries, today, policies.current(organization));
    }

    /**
     * The same with the organization's current policy version already read by the caller (a list reads
     * it once for its labels and its explanations, not twice).
     */
    List<PriorityScore> of(OrganizationId organization, List<QueueEntry> entries, LocalDate today,
            PolicyVersion current) {
        Map<ExecutionId, SignalLifecycle.WokenEarly> woken = wokenEarly(organization, entries);
        PriorityEvaluator evaluator = new PriorityEvaluator(current.policies().priority());
        return entries.stream()
                .map(entry -> explained(evaluator.evaluate(entry.priorityInput(), today),
                        woken.get(entry.execution().id())).scoredBy(current.version()))
                .toList();
    }

    PriorityScore of(OrganizationId organization, QueueEntry entry, LocalDate today) {
        return of(organization, List.of(entry), today).get(0);
    }

    /** Which of the entries are back from snooze early, and why (only not-started work can be). */
    private Map<ExecutionId, SignalLifecycle.WokenEarly> wokenEarly(OrganizationId organization, List<QueueEntry> entries) {
        List<ExecutionId> notStarted = entries.stream().map(QueueEntry::execution)
                .filter(e -> e.status() == ExecutionStatus.NOT_STARTED).map(WorkflowExecution::id).toList();
        return notStarted.isEmpty() ? Map.of() : lifecycle.wokenEarly(organization, notStarted);
    }

    /** The score with a 0-point line saying why the execution is back, when it was woken early. */
    private static PriorityScore explained(PriorityScore score, SignalLifecycle.WokenEarly woken) {
        if (woken == null) {
            return score;
        }
        List<Contribution> lines = new ArrayList<>(score.explanation());
        lines.add(new Contribution(EarlyWakeRule.EXPLANATION_RULE, 0,
                EarlyWakeRule.explanation(woken.riskAtSnooze(), woken.riskAtWake())));
        return new PriorityScore(score.value(), score.label(), lines);
    }
}
