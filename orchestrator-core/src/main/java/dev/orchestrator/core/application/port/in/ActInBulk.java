package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.lifecycle.Transition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One lifecycle action on many executions: given by id, or selected by the list's filter (the same
 * selection as {@code ViewExecutions.list}). The request is validated once (a bad parameter is one
 * failure, not one per item); then each execution is moved on its own, through the same use case, and
 * so the same guarded write, as a single call, and answered on its own.
 */
public interface ActInBulk {

    /** Executions one call may act on: more ids are refused; a filter selecting more is refused. */
    int MAX_ITEMS = 1000;

    Result<BulkOutcome> act(Profile caller, BulkRequest request);

    /**
     * Exactly one of {@code ids} (duplicates are answered once) and {@code filter} (its cursor and limit
     * are ignored) must be given.
     */
    record BulkRequest(Transition transition, Optional<List<ExecutionId>> ids,
            Optional<ViewExecutions.ListQuery> filter) {
        public BulkRequest {
            Objects.requireNonNull(transition, "transition");
            ids = ids.map(List::copyOf);
            Objects.requireNonNull(filter, "filter");
        }
    }

    /** {@code failure} is empty when the action was applied to the execution. */
    record ItemResult(ExecutionId id, Optional<Failure> failure) {
    }

    /** One result per distinct execution, in the order given (ids) or listed (filter). */
    record BulkOutcome(List<ItemResult> items) {
        public BulkOutcome {
            items = List.copyOf(items);
        }

        public long succeeded() {
            return items.stream().filter(i -> i.failure().isEmpty()).count();
        }
    }
}
