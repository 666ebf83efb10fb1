package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.TransitionExecution;
import dev.orchestrator.core.application.port.out.DependencyBlocks;
import dev.orchestrator.core.application.port.out.ExecutionLookup;
import dev.orchestrator.core.application.port.out.ExecutionWriter;
import dev.orchestrator.core.application.port.out.ProfileLookup;
import dev.orchestrator.core.application.port.out.ReadTransactions;
import dev.orchestrator.core.application.port.out.ReasonCodes;
import dev.orchestrator.core.domain.access.AccessPolicy;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.dependency.BlockedBy;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.lifecycle.Lifecycle;
import dev.orchestrator.core.domain.lifecycle.Transition;
import dev.orchestrator.core.domain.lifecycle.TransitionResult;
import dev.orchestrator.core.domain.policy.Policies;
import dev.orchestrator.core.domain.policy.PolicyVersion;
import dev.orchestrator.core.domain.priority.PriorityEvaluator;
import dev.orchestrator.core.domain.priority.PriorityInput;
import dev.orchestrator.core.domain.priority.PriorityScore;
import dev.orchestrator.core.domain.queue.QueueEntry;
import dev.orchestrator.core.domain.reasons.ReasonCatalog;
import dev.orchestrator.core.domain.reasons.ReasonKind;
import dev.orchestrator.core.domain.signals.SignalScorer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Applies lifecycle transitions: read, decide in the domain, write guarded by version and status. A
 * single call reads as it goes; a bulk call's items share one read of what they need ({@link #prepare})
 * and are decided by the same code ({@link TransitionReads}).
 */
public final class TransitionService implements TransitionExecution {

    private final ExecutionLookup executions;
    private final ExecutionWriter writer;
    private final ProfileLookup profiles;
    private final ReasonCodes reasons;
    private final PolicySource policies;
    private final Blocking blocking;
    private final ReadTransactions reads;
    private final Clock clock;

    public TransitionService(ExecutionLookup executions, ExecutionWriter writer, ProfileLookup profiles,
            ReasonCodes reasons, PolicySource policies, DependencyBlocks dependencies, ReadTransactions reads,
            Clock clock) {
        this.reads = reads;
        this.blocking = new Blocking(dependencies);
        this.executions = executions;
        this.writer = writer;
        this.profiles = profiles;
        this.reasons = reasons;
        this.policies = policies;
        this.clock = clock;
    }

    @Override
    public Result<Outcome> transition(Profile caller, ExecutionId executionId, Transition transition, JsonObject dataPatch) {
        return apply(caller, direct(caller), executionId, as(transition), dataPatch);
    }

    @Override
    public Result<Outcome> transition(Profile caller, ExecutionId executionId, Transition transition, JsonObject dataPatch,
            long expectedVersion) {
        // The read below is the version the guarded write then checks again, so a change after it is
        // refused there too: nothing is written against anything but the version the caller planned on.
        return apply(caller, direct(caller), executionId, at(expectedVersion, transition), dataPatch);
    }

    @Override
    public Prepared prepare(Profile caller, Collection<ExecutionId> executionIds) {
        TransitionReads once = reads.together(() -> readOnce(caller, executionIds));
        return new Prepared() {
            @Override
            public Result<Outcome> transition(ExecutionId executionId, Transition transition, JsonObject dataPatch) {
                return orAnew(caller, executionId, as(transition), dataPatch, once);
            }

            @Override
            public Result<Outcome> transition(ExecutionId executionId, Transition transition, JsonObject dataPatch,
                    long expectedVersion) {
                return orAnew(caller, executionId, at(expectedVersion, transition), dataPatch, once);
            }
        };
    }

    /**
     * The transition on what was read once; when its guarded write finds the execution changed since,
     * the single call's (which reads it anew): a conflict then is one a single call would have had too.
     */
    private Result<Outcome> orAnew(Profile caller, ExecutionId executionId,
            Function<WorkflowExecution, Result<Transition>> decide, JsonObject dataPatch, TransitionReads once) {
        Result<Outcome> first = apply(caller, once, executionId, decide, dataPatch);
        if (first instanceof Result.Err<Outcome> err && err.failure() instanceof Failure.Conflict) {
            return apply(caller, direct(caller), executionId, decide, dataPatch);
        }
        return first;
    }

    private static Function<WorkflowExecution, Result<Transition>> as(Transition transition) {
        return current -> Result.ok(transition);
    }

    /** {@code transition}, if the execution is still at {@code expectedVersion}. */
    private static Function<WorkflowExecution, Result<Transition>> at(long expectedVersion, Transition transition) {
        return current -> current.version() == expectedVersion ? Result.ok(transition)
                : Result.err(new Failure.Stale(java.util.OptionalLong.of(current.version())));
    }

    /** What a single call reads: each when it is needed, from the ports. */
    private TransitionReads direct(Profile caller) {
        OrganizationId organization = caller.organizationId();
        return new TransitionReads() {
            @Override
            public Optional<QueueEntry> entry(ExecutionId id) {
                return executions.findExecution(organization, id);
            }

            @Override
            public Optional<Profile> profile(ProfileId id) {
                return profiles.findProfile(organization, id);
            }

            @Override
            public ReasonCatalog reasons() {
                return ReasonCatalog.ofStored(reasons.reasonCodes(organization));
            }

            @Override
            public PolicyVersion policy() {
                return policies.current(organization);
            }

            @Override
            public List<BlockedBy> blockers(WorkflowExecution execution) {
                return blocking.of(execution);
            }
        };
    }

    /**
     * What many transitions read, read once (in one unit of reads): the executions in one statement, the
     * organization's profiles (whom visibility, escalation and reassignment name) and policies; its
     * reason codes when first needed; each definition's dependencies once.
     */
    private TransitionReads readOnce(Profile caller, Collection<ExecutionId> executionIds) {
        OrganizationId organization = caller.organizationId();
        Map<ExecutionId, QueueEntry> entries = new HashMap<>();
        executions.findExecutions(organization, executionIds).forEach(e -> entries.put(e.execution().id(), e));
        Map<ProfileId, Profile> members = new HashMap<>();
        profiles.profiles(organization, Optional.empty()).forEach(p -> members.put(p.id(), p));
        PolicyVersion policy = policies.current(organization);
        Blocking perDefinition = blocking.oncePerDefinition();
        java.util.concurrent.atomic.AtomicReference<ReasonCatalog> catalog = new java.util.concurrent.atomic.AtomicReference<>();
        return new TransitionReads() {
            @Override
            public Optional<QueueEntry> entry(ExecutionId id) {
                return Optional.ofNullable(entries.get(id));
            }

            @Override
            public Optional<Profile> profile(ProfileId id) {
                return Optional.ofNullable(members.get(id));
            }

            @Override
            public ReasonCatalog reasons() {
                ReasonCatalog known = catalog.get();
                if (known == null) {
                    known = ReasonCatalog.ofStored(reasons.reasonCodes(organization));
                    catalog.compareAndSet(null, known);
                }
                return known;
            }

            @Override
            public PolicyVersion policy() {
                return policy;
            }

            @Override
            public List<BlockedBy> blockers(WorkflowExecution execution) {
                return perDefinition.of(execution);
            }
        };
    }

    @Override
    public Result<Outcome> changeStatus(Profile caller, ExecutionId executionId, StatusChange change, JsonObject dataPatch) {
        Objects.requireNonNull(change.status(), "status");
        return apply(caller, direct(caller), executionId, current -> towards(current.status(), change), dataPatch);
    }

    /** The transition that {@code change} means from {@code current}, as the lifecycle table says. */
    private static Result<Transition> towards(ExecutionStatus current, StatusChange change) {
        Action action = Lifecycle.actionTowards(current, change.status());
        if (action == Action.UPDATE_DATA && current == ExecutionStatus.SNOOZED && change.days() != null) {
            action = Action.SNOOZE;
        }
        switch (action) {
            case START:
                return Result.ok(new Transition.Start());
            case COMPLETE:
                return Result.ok(new Transition.Complete());
            case WAKE:
                return Result.ok(new Transition.Wake());
            case UPDATE_DATA:
                return Result.ok(new Transition.UpdateData());
            case SNOOZE:
                return change.days() == null
                        ? Result.err(Failure.Invalid.of("days", "is required when status is snoozed"))
                        : Result.ok(new Transition.Snooze(change.days()));
            case SKIP:
                return change.reason() == null
                        ? Result.err(Failure.Invalid.of("reason", "is required when status is skipped"))
                        : Result.ok(new Transition.Skip(change.reason()));
            default:
                throw new IllegalStateException("no status leads to " + action);
        }
    }

    /**
     * One transition: its reads (those not read before for a bulk call) and its guarded write as one unit
     * of work, in one transaction where the store has them ({@link ReadTransactions#readsThenWrite}).
     */
    private Result<Outcome> apply(Profile caller, TransitionReads read, ExecutionId executionId,
            Function<WorkflowExecution, Result<Transition>> decide, JsonObject dataPatch) {
        return reads.readsThenWrite(() -> decideAndWrite(caller, read, executionId, decide, dataPatch));
    }

    private Result<Outcome> decideAndWrite(Profile caller, TransitionReads read, ExecutionId executionId,
            Function<WorkflowExecution, Result<Transition>> decide, JsonObject dataPatch) {
        Optional<QueueEntry> found = read.entry(executionId)
                .filter(entry -> visibleTo(caller, read, entry.execution()));
        if (found.isEmpty()) {
            return Result.err(new Failure.NotFound("execution " + executionId + " not found"));
        }
        return decide.apply(found.get().execution())
                .flatMap(transition -> withReason(read, transition))
                .flatMap(transition -> apply(caller, read, executionId, found.get(), transition, dataPatch));
    }

    /**
     * A skip or snooze naming a reason code: the code must be an active one of the caller's
     * organization and of the right kind. A coded skip keeps its note as the execution's skip reason,
     * or the code's label when it has none (the prototype's skip_reason is never empty).
     */
    private static Result<Transition> withReason(TransitionReads read, Transition transition) {
        String code = transition instanceof Transition.Skip skip ? skip.reasonCode()
                : transition instanceof Transition.Snooze snooze ? snooze.reasonCode() : null;
        if (code == null) {
            return Result.ok(transition);
        }
        ReasonKind kind = transition instanceof Transition.Skip ? ReasonKind.SKIP : ReasonKind.SNOOZE;
        ReasonCatalog catalog = read.reasons();
        Optional<String> refusal = catalog.refusal(code, kind);
        if (refusal.isPresent()) {
            return Result.err(Failure.Invalid.of("reason_code", refusal.get()));
        }
        if (transition instanceof Transition.Skip skip && skip.reason() == null) {
            String reason = skip.note() != null ? skip.note() : catalog.find(code).orElseThrow().label();
            return Result.ok(new Transition.Skip(reason, code, skip.note()));
        }
        return Result.ok(transition);
    }

    private Result<Outcome> apply(Profile caller, TransitionReads read, ExecutionId executionId, QueueEntry entry,
            Transition transition, JsonObject dataPatch) {
        if (transition instanceof Transition.Escalate escalate && escalate.escalationUserId() != null
                && read.profile(escalate.escalationUserId()).isEmpty()) {
            return Result.err(Failure.Invalid.of("escalation_user_id", "must be a profile of your organization"));
        }
        if (transition instanceof Transition.Reassign reassign) {
            Optional<Failure> refused = refusedReassignment(caller, read, entry.execution(), reassign);
            if (refused.isPresent()) {
                return Result.err(refused.get());
            }
        }
        WorkflowExecution current = entry.execution();
        if (transition instanceof Transition.Start) {
            // A blocked execution is not offered; starting it anyway is refused, naming what it waits for.
            List<BlockedBy> blockedBy = read.blockers(current);
            if (!blockedBy.isEmpty()) {
                return Result.err(new Failure.Blocked(blockedBy));
            }
        }
        if ((transition instanceof Transition.Acknowledge || transition instanceof Transition.Resolve)
                && !AccessPolicy.canAnswerEscalation(caller, current)) {
            return Result.err(new Failure.Forbidden("only the person it is escalated to, or an admin, may "
                    + transition.action().wireName() + " its escalation"));
        }
        Instant now = clock.instant();
        TransitionResult decided = Lifecycle.apply(current, transition, dataPatch, caller.id(), now);
        if (decided instanceof TransitionResult.Invalid invalid) {
            return Result.err(Failure.Invalid.of(invalid.field(), invalid.message()));
        }
        if (decided instanceof TransitionResult.EscalationRejected rejected) {
            return Result.err(new Failure.EscalationRejected(rejected.current(), rejected.attempted()));
        }
        if (decided instanceof TransitionResult.StepsOpen open) {
            return Result.err(new Failure.StepsOpen(open.steps()));
        }
        if (decided instanceof TransitionResult.Rejected rejected) {
            return Result.err(new Failure.Rejected(rejected.current(), rejected.attempted()));
        }
        TransitionResult.Applied applied = (TransitionResult.Applied) decided;
        // The organization's current policies, as the daily job and every other write score it.
        PolicyVersion version = read.policy();
        Policies scoring = version.policies();
        PriorityScore priority = new PriorityEvaluator(scoring.priority()).evaluate(
                PriorityInput.of(applied.execution(), entry.definition(), entry.signals()), LocalDate.now(clock))
                .scoredBy(version.version());
        WorkflowExecution next = applied.execution().withPriorityScore(priority.value());
        // The risk score now: kept with a snooze, so that the daily job can wake it early if risk rises.
        int risk = new SignalScorer(scoring.signals()).score(entry.signals()).risk().value();
        ExecutionWriter.SaveResult saved = writer.saveTransition(next, current.status(), current.version(),
                applied.event(), risk);
        if (saved instanceof ExecutionWriter.SaveResult.Saved ok) {
            // A close released the dependents it blocked in the same write ('unblocked' events).
            return Result.ok(new Outcome(ok.execution(), priority));
        }
        ExecutionWriter.SaveResult.Conflict conflict = (ExecutionWriter.SaveResult.Conflict) saved;
        return conflict.current()
                .<Result<Outcome>>map(status -> Result.err(new Failure.Conflict(status)))
                .orElseGet(() -> Result.err(new Failure.NotFound("execution " + executionId + " not found")));
    }

    /** Why {@code caller} may not hand this execution to {@code reassign}'s CSM, if they may not. */
    private static Optional<Failure> refusedReassignment(Profile caller, TransitionReads read,
            WorkflowExecution execution, Transition.Reassign reassign) {
        Profile assigned = read.profile(execution.assignedCsmId()).orElse(null);
        if (!AccessPolicy.canReassign(caller, execution, assigned)) {
            return Optional.of(new Failure.Forbidden(
                    "reassigning is for admins, and for managers on their own and their reports' work"));
        }
        if (reassign.csmId() != null && read.profile(reassign.csmId()).filter(AccessPolicy::canOwnWork).isEmpty()) {
            return Optional.of(Failure.Invalid.of("csm_id", "must be a CSM or a manager of your organization"));
        }
        return Optional.empty();
    }

    private static boolean visibleTo(Profile caller, TransitionReads read, WorkflowExecution execution) {
        if (caller.id().equals(execution.assignedCsmId()) || caller.id().equals(execution.escalationUserId())) {
            return AccessPolicy.canView(caller, execution, null);
        }
        Profile assignedCsm = read.profile(execution.assignedCsmId()).orElse(null);
        return AccessPolicy.canView(caller, execution, assignedCsm);
    }
}
