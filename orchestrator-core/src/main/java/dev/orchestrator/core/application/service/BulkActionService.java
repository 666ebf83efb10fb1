package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.ActInBulk;
import dev.orchestrator.core.application.port.in.TransitionExecution;
import dev.orchestrator.core.application.port.out.ProfileLookup;
import dev.orchestrator.core.domain.access.AccessPolicy;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.lifecycle.Lifecycle;
import dev.orchestrator.core.domain.lifecycle.Transition;
import dev.orchestrator.core.domain.lifecycle.TransitionResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Bulk actions: validate once, select (by ids or by the list's own selection), read what the items
 * need once ({@link TransitionExecution#prepare}), then one single-call transition per execution, each
 * its own guarded write in its own transaction. An item that fails
 * (not found, changed concurrently, not allowed from its status) fails alone and leaves the others be.
 */
public final class BulkActionService implements ActInBulk {

    private final TransitionExecution transitions;
    private final ExecutionViewService lists;
    private final ProfileLookup profiles;

    public BulkActionService(TransitionExecution transitions, ExecutionViewService lists, ProfileLookup profiles) {
        this.transitions = transitions;
        this.lists = lists;
        this.profiles = profiles;
    }

    @Override
    public Result<BulkOutcome> act(Profile caller, BulkRequest request, ItemRunner runner) {
        Optional<Failure> invalid = checked(caller, request);
        if (invalid.isPresent()) {
            return Result.err(invalid.get());
        }
        Result<List<ExecutionId>> selected = request.ids().isPresent() ? Result.ok(request.ids().get())
                : lists.select(caller, request.filter().orElseThrow(), MAX_ITEMS + 1);
        if (selected instanceof Result.Err<List<ExecutionId>> err) {
            return Result.err(underFilter(err.failure()));
        }
        return selected.flatMap(ids -> {
            if (ids.size() > MAX_ITEMS) {
                return Result.err(Failure.Invalid.of("filter", "selects more than " + MAX_ITEMS
                        + " executions: narrow it (or act on its first " + MAX_ITEMS + " by ids)"));
            }
            List<ExecutionId> distinct = List.copyOf(new LinkedHashSet<>(ids));
            // What the items read (the executions, profiles, policies) is read once for all of them: a
            // thousand items were five thousand statements before their writes (docs/performance.md).
            TransitionExecution.Prepared prepared = transitions.prepare(caller, distinct);
            List<java.util.function.Supplier<ItemResult>> items = new ArrayList<>();
            for (ExecutionId id : distinct) {
                items.add(() -> {
                    Long expected = request.expectedVersions().get(id);
                    Result<TransitionExecution.Outcome> one = expected == null
                            ? prepared.transition(id, request.transition(), null)
                            : prepared.transition(id, request.transition(), null, expected);
                    return new ItemResult(id, one instanceof Result.Err<TransitionExecution.Outcome> err
                            ? Optional.of(err.failure()) : Optional.empty());
                });
            }
            return Result.ok(new BulkOutcome(runner.run(items)));
        });
    }

    /** Everything that is true or false of the whole call, named as the request names it. */
    private Optional<Failure> checked(Profile caller, BulkRequest request) {
        List<Failure.FieldError> errors = new ArrayList<>();
        if (request.ids().isPresent() == request.filter().isPresent()) {
            errors.add(new Failure.FieldError("ids", request.ids().isPresent()
                    ? "and filter cannot both be given: choose one" : "or filter is required"));
        }
        request.ids().ifPresent(ids -> {
            if (ids.isEmpty()) {
                errors.add(new Failure.FieldError("ids", "must hold at least one id"));
            } else if (ids.size() > MAX_ITEMS) {
                errors.add(new Failure.FieldError("ids", "must hold at most " + MAX_ITEMS + " ids (got " + ids.size()
                        + ")"));
            }
        });
        Transition transition = request.transition();
        Optional<TransitionResult.Invalid> parameter = Lifecycle.checkParameters(transition);
        parameter.ifPresent(p -> errors.add(new Failure.FieldError("params." + p.field(), p.message())));
        if (transition instanceof Transition.Reassign reassign) {
            if (caller.role() != Role.ADMIN && caller.role() != Role.MANAGER) {
                return Optional.of(new Failure.Forbidden("reassigning is for managers and admins"));
            }
            if (parameter.isEmpty() && profiles.findProfile(caller.organizationId(), reassign.csmId())
                    .filter(AccessPolicy::canOwnWork).isEmpty()) {
                errors.add(new Failure.FieldError("params.csm_id", "must be a CSM or a manager of your organization"));
            }
        }
        if (parameter.isEmpty() && transition instanceof Transition.Escalate escalate
                && profiles.findProfile(caller.organizationId(), escalate.escalationUserId()).isEmpty()) {
            errors.add(new Failure.FieldError("params.escalation_user_id", "must be a profile of your organization"));
        }
        return errors.isEmpty() ? Optional.empty() : Optional.of(new Failure.Invalid(errors));
    }

    /** The list's own errors name its query parameters; here they are members of {@code filter}. */
    private static Failure underFilter(Failure failure) {
        if (failure instanceof Failure.Invalid invalid) {
            return new Failure.Invalid(invalid.errors().stream()
                    .map(e -> new Failure.FieldError("filter." + e.field(), e.message())).toList());
        }
        return failure;
    }
}
