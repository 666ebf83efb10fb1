package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.domain.escalation.EscalationView;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.priority.PriorityLabel;
import dev.orchestrator.core.domain.priority.PriorityScore;
import dev.orchestrator.core.domain.views.ExecutionView;
import dev.orchestrator.core.domain.views.HistoryEntry;
import dev.orchestrator.core.domain.views.ListSort;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The work views: one execution with its explained priority, its timeline, and the filtered, ordered,
 * paged list of executions. Visibility is the executions' ({@code AccessPolicy.canView}): what a caller
 * may not see answers "not found" (one execution) or is simply not in a list.
 */
public interface ViewExecutions {

    int DEFAULT_LIMIT = 25;
    int MAX_LIMIT = 100;
    int MAX_DUE_WITHIN_DAYS = 3650;
    int MAX_TEXT_LENGTH = 200;
    /**
     * A list's {@code total} is exact up to this many rows; above, it is this number and marked a lower
     * bound. Counting is bounded so that a page costs the same for a CSM's 40 rows and an
     * organization's 250,000 (docs/performance.md, lists); a dashboard shows "1,000+" rather than a
     * figure nobody pages through.
     */
    long MAX_EXACT_TOTAL = 1_000;

    Result<Detail> execution(Profile caller, ExecutionId id);

    /** A page of the execution's timeline, oldest first; {@code cursor} is a previous page's {@code nextCursor}. */
    Result<HistoryPage> history(Profile caller, ExecutionId id, Optional<String> cursor, int limit);

    Result<ListPage> list(Profile caller, ListQuery query);

    /**
     * The whole timeline, for operators (the CLI), who act with the database's authority rather than as
     * a profile: in {@code organization} if given, else wherever the execution is.
     */
    Result<List<HistoryEntry>> operatorHistory(Optional<OrganizationId> organization, ExecutionId id);

    /**
     * {@code priority} is evaluated now and explains the stored score's parts (as the queue's);
     * {@code escalation} (null: never escalated) judges the acknowledgement target now; {@code blockedBy}
     * is what blocks it now ({@code DependencyRule}), empty when it is available.
     */
    record Detail(ExecutionView view, PriorityScore priority, EscalationView escalation,
            List<dev.orchestrator.core.domain.dependency.BlockedBy> blockedBy) {
        public Detail {
            blockedBy = blockedBy == null ? List.of() : List.copyOf(blockedBy);
        }

        public Detail(ExecutionView view, PriorityScore priority, EscalationView escalation) {
            this(view, priority, escalation, List.of());
        }
    }

    record HistoryPage(List<HistoryEntry> items, Optional<String> nextCursor) {
    }

    record ListItem(ExecutionView view, PriorityScore priority, EscalationView escalation) {
    }

    /**
     * {@code total} counts every page's items, with the filters as they are now, up to
     * {@link #MAX_EXACT_TOTAL}; {@code totalIsLowerBound} says more rows match than that.
     */
    record ListPage(List<ListItem> items, Optional<String> nextCursor, long total, boolean totalIsLowerBound) {
    }

    /**
     * The list's request, as the caller put it. {@code escalatedToMe} lists the work escalated to the
     * caller instead of the work they own; {@code dueWithinDays} means due at most that many days from
     * now (overdue included).
     */
    record ListQuery(Set<ExecutionStatus> statuses, Optional<WorkflowType> workflowType, Optional<PriorityLabel> label,
            Optional<CustomerId> customer, Optional<ProfileId> csm, Optional<DefinitionId> definition,
            boolean escalatedToMe, Optional<Integer> dueWithinDays, Optional<Instant> snoozedUntilBefore,
            Optional<String> text, ListSort sort, Optional<String> cursor, int limit) {

        public ListQuery {
            statuses = Set.copyOf(statuses);
            Objects.requireNonNull(sort, "sort");
            Objects.requireNonNull(cursor, "cursor");
        }

        /** Every field but the page (cursor and limit): a cursor only continues the query it came from. */
        public String fingerprint() {
            return String.join("|", "executions", new TreeSet<>(statuses.stream().map(ExecutionStatus::wireName).toList())
                    .toString(), workflowType.map(WorkflowType::wireName).orElse(""), label.map(Enum::name).orElse(""),
                    customer.map(Object::toString).orElse(""), csm.map(Object::toString).orElse(""),
                    definition.map(Object::toString).orElse(""), String.valueOf(escalatedToMe),
                    dueWithinDays.map(String::valueOf).orElse(""), snoozedUntilBefore.map(Instant::toString).orElse(""),
                    text.map(t -> t.length() + ":" + t).orElse(""), sort.wireName());
        }
    }
}
