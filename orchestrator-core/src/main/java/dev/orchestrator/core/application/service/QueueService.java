package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.ViewDemoProgress;
import dev.orchestrator.core.application.port.in.ViewQueue;
import dev.orchestrator.core.application.port.out.ProfileLookup;
import dev.orchestrator.core.application.port.out.QueueReader;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.priority.PriorityEvaluator;
import dev.orchestrator.core.domain.queue.DemoProgress;
import java.time.Clock;
import java.time.LocalDate;
import dev.orchestrator.core.application.port.out.SignalLifecycle;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.explain.Contribution;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.priority.PriorityScore;
import dev.orchestrator.core.domain.queue.QueueEntry;
import dev.orchestrator.core.domain.signals.EarlyWakeRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads queues and demo progress for a CSM the caller may act for. */
public final class QueueService implements ViewQueue, ViewDemoProgress {

    private final QueueReader reader;
    private final SignalLifecycle lifecycle;
    private final CsmResolver csms;
    private final PriorityEvaluator evaluator;
    private final Clock clock;

    public QueueService(QueueReader reader, ProfileLookup profiles, SignalLifecycle lifecycle,
            PriorityEvaluator evaluator, Clock clock) {
        this.reader = reader;
        this.lifecycle = lifecycle;
        this.csms = new CsmResolver(profiles);
        this.evaluator = evaluator;
        this.clock = clock;
    }

    @Override
    public Result<List<QueueItem>> queue(Profile caller, Query query) {
        if (query.limit() < 1 || query.limit() > MAX_LIMIT) {
            return Result.err(Failure.Invalid.of("limit", "must be between 1 and " + MAX_LIMIT));
        }
        LocalDate today = LocalDate.now(clock);
        return csms.resolve(caller, query.csmId()).map(csm -> {
            List<QueueEntry> entries = reader.queue(caller.organizationId(), csm.id(), query.mode(), query.limit());
            Map<ExecutionId, SignalLifecycle.WokenEarly> woken = wokenEarly(caller, entries);
            return entries.stream()
                    .map(entry -> new QueueItem(entry, explained(evaluator.evaluate(entry.priorityInput(), today),
                            woken.get(entry.execution().id()))))
                    .toList();
        });
    }

    /** Which of the entries are back from snooze early, and why (only not-started work can be). */
    private Map<ExecutionId, SignalLifecycle.WokenEarly> wokenEarly(Profile caller, List<QueueEntry> entries) {
        List<ExecutionId> notStarted = entries.stream().map(QueueEntry::execution)
                .filter(e -> e.status() == ExecutionStatus.NOT_STARTED).map(WorkflowExecution::id).toList();
        return notStarted.isEmpty() ? Map.of() : lifecycle.wokenEarly(caller.organizationId(), notStarted);
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

    @Override
    public Result<DemoProgress> progress(Profile caller, Optional<ProfileId> csmId) {
        return csms.resolve(caller, csmId)
                .map(csm -> DemoProgress.of(reader.demoExecutions(caller.organizationId(), csm.id())));
    }
}
