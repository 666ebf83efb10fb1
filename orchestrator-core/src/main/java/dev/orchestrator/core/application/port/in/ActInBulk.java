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

    /** {@link #act(Profile, BulkRequest, ItemRunner)}, the items one after another. */
    default Result<BulkOutcome> act(Profile caller, BulkRequest request) {
        return act(caller, request, ItemRunner.ONE_BY_ONE);
    }

    /**
     * Validates and selects once, then moves each execution through {@code runner}: the items are
     * independent (distinct executions, each its own transaction), so an adapter may run a few at once
     * (commits then share the database's log flushes); the results keep the items' order.
     */
    Result<BulkOutcome> act(Profile caller, BulkRequest request, ItemRunner runner);

    /** Runs a bulk call's items and gives their results in the items' order. */
    @FunctionalInterface
    interface ItemRunner {
        ItemRunner ONE_BY_ONE = items -> items.stream().map(java.util.function.Supplier::get).toList();

        List<ItemResult> run(List<java.util.function.Supplier<ItemResult>> items);
    }

    /**
     * Exactly one of {@code ids} (duplicates are answered once) and {@code filter} (its cursor and limit
     * are ignored) must be given.
     */
    record BulkRequest(Transition transition, Optional<List<ExecutionId>> ids,
            Optional<ViewExecutions.ListQuery> filter, java.util.Map<ExecutionId, Long> expectedVersions) {
        /**
         * {@code expectedVersions}: the version each listed execution must still be at (a plan's, such as
         * a rebalance proposal's); an execution that changed since fails alone as stale. Empty: no check.
         */
        public BulkRequest {
            Objects.requireNonNull(transition, "transition");
            ids = ids.map(List::copyOf);
            Objects.requireNonNull(filter, "filter");
            expectedVersions = java.util.Map.copyOf(expectedVersions);
        }

        public BulkRequest(Transition transition, Optional<List<ExecutionId>> ids,
                Optional<ViewExecutions.ListQuery> filter) {
            this(transition, ids, filter, java.util.Map.of());
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
