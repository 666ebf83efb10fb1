package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.views.ExecutionFilter;
import dev.orchestrator.core.domain.views.ExecutionView;
import dev.orchestrator.core.domain.views.HistoryEntry;
import dev.orchestrator.core.domain.views.ListSort;
import dev.orchestrator.core.domain.views.Visibility;
import java.util.List;
import java.util.Optional;

/**
 * Reads the work views: one execution with the people it names, its timeline, and filtered, ordered
 * pages of executions. Implementations must honour {@link ExecutionFilter#matches}, {@link Visibility#covers}
 * and {@link ListSort} exactly, with a bounded amount of work per page whatever the number of rows
 * (ExecutionViewsContract; on PostgreSQL, ExecutionListPlanTest).
 */
public interface ExecutionViews {

    /** The execution with its due date, CSM, escalation user and when it was last escalated. */
    Optional<ExecutionView> view(OrganizationId organizationId, ExecutionId id);

    /** Up to {@code limit} events of the execution with a sequence above {@code afterSequence}, oldest first. */
    List<HistoryEntry> history(OrganizationId organizationId, ExecutionId id, long afterSequence, int limit);

    /**
     * Up to {@code limit} executions of the organization within {@code visibility} that match
     * {@code filter}, in {@code sort}'s order, after {@code after} if given. {@code escalatedAt} is left null.
     */
    List<ExecutionView> list(OrganizationId organizationId, Visibility visibility, ExecutionFilter filter,
            PriorityPolicy.LabelThresholds labels, ListSort sort, Optional<ListSort.Position> after, int limit);

    /** How many executions {@link #list} would give over all its pages. */
    default long count(OrganizationId organizationId, Visibility visibility, ExecutionFilter filter,
            PriorityPolicy.LabelThresholds labels) {
        return countUpTo(organizationId, visibility, filter, labels, Long.MAX_VALUE);
    }

    /**
     * {@link #count}, but counting no further than {@code atMost}: the smaller of the two. Bounded
     * so that a page's total costs at most {@code atMost} index entries, however large the list.
     */
    long countUpTo(OrganizationId organizationId, Visibility visibility, ExecutionFilter filter,
            PriorityPolicy.LabelThresholds labels, long atMost);

    /** The organization an execution belongs to (for operators' tools, which act outside any one organization). */
    Optional<OrganizationId> organizationOf(ExecutionId id);
}
