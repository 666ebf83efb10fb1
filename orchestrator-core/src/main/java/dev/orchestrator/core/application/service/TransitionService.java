package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.TransitionExecution;
import dev.orchestrator.core.application.port.out.ExecutionLookup;
import dev.orchestrator.core.application.port.out.ExecutionWriter;
import dev.orchestrator.core.application.port.out.ProfileLookup;
import dev.orchestrator.core.domain.access.AccessPolicy;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.lifecycle.Lifecycle;
import dev.orchestrator.core.domain.lifecycle.Transition;
import dev.orchestrator.core.domain.lifecycle.TransitionResult;
import dev.orchestrator.core.domain.priority.PriorityEvaluator;
import dev.orchestrator.core.domain.priority.PriorityInput;
import dev.orchestrator.core.domain.priority.PriorityScore;
import dev.orchestrator.core.domain.queue.QueueEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** Applies lifecycle transitions: read, decide in the domain, write guarded by version and status. */
public final class TransitionService implements TransitionExecution {

    private final ExecutionLookup executions;
    private final ExecutionWriter writer;
    private final ProfileLookup profiles;
    private final PriorityEvaluator evaluator;
    private final Clock clock;

    public TransitionService(ExecutionLookup executions, ExecutionWriter writer, ProfileLookup profiles,
            PriorityEvaluator evaluator, Clock clock) {
        this.executions = executions;
        this.writer = writer;
        this.profiles = profiles;
        this.evaluator = evaluator;
        this.clock = clock;
    }

    @Override
    public Result<Outcome> transition(Profile caller, ExecutionId executionId, Transition transition, JsonObject dataPatch) {
        Optional<QueueEntry> found = executions.findExecution(caller.organizationId(), executionId)
                .filter(entry -> visibleTo(caller, entry.execution()));
        if (found.isEmpty()) {
            return Result.err(new Failure.NotFound("execution " + executionId + " not found"));
        }
        if (transition instanceof Transition.Escalate escalate && escalate.escalationUserId() != null
                && profiles.findProfile(caller.organizationId(), escalate.escalationUserId()).isEmpty()) {
            return Result.err(Failure.Invalid.of("escalation_user_id", "must be a profile of your organization"));
        }
        QueueEntry entry = found.get();
        WorkflowExecution current = entry.execution();
        Instant now = clock.instant();
        TransitionResult decided = Lifecycle.apply(current, transition, dataPatch, caller.id(), now);
        if (decided instanceof TransitionResult.Invalid invalid) {
            return Result.err(Failure.Invalid.of(invalid.field(), invalid.message()));
        }
        if (decided instanceof TransitionResult.Rejected rejected) {
            return Result.err(new Failure.Rejected(rejected.current(), rejected.attempted()));
        }
        TransitionResult.Applied applied = (TransitionResult.Applied) decided;
        PriorityScore priority = evaluator.evaluate(
                PriorityInput.of(applied.execution(), entry.definition(), entry.signals()), LocalDate.now(clock));
        WorkflowExecution next = applied.execution().withPriorityScore(priority.value());
        ExecutionWriter.SaveResult saved = writer.saveTransition(next, current.status(), current.version(), applied.event());
        if (saved instanceof ExecutionWriter.SaveResult.Saved ok) {
            return Result.ok(new Outcome(ok.execution(), priority));
        }
        ExecutionWriter.SaveResult.Conflict conflict = (ExecutionWriter.SaveResult.Conflict) saved;
        return conflict.current()
                .<Result<Outcome>>map(status -> Result.err(new Failure.Conflict(status)))
                .orElseGet(() -> Result.err(new Failure.NotFound("execution " + executionId + " not found")));
    }

    private boolean visibleTo(Profile caller, WorkflowExecution execution) {
        if (caller.id().equals(execution.assignedCsmId()) || caller.id().equals(execution.escalationUserId())) {
            return AccessPolicy.canView(caller, execution, null);
        }
        Profile assignedCsm = profiles.findProfile(caller.organizationId(), execution.assignedCsmId()).orElse(null);
        return AccessPolicy.canView(caller, execution, assignedCsm);
    }
}
