package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.ViewExecutions;
import dev.orchestrator.core.application.port.out.DependencyBlocks;
import dev.orchestrator.core.application.port.out.ExecutionViews;
import dev.orchestrator.core.application.port.out.OrganizationSettingsStore;
import dev.orchestrator.core.application.port.out.ProfileLookup;
import dev.orchestrator.core.application.port.out.ReadTransactions;
import dev.orchestrator.core.domain.escalation.EscalationView;
import dev.orchestrator.core.domain.escalation.OrganizationSettings;
import dev.orchestrator.core.application.port.out.SignalLifecycle;
import dev.orchestrator.core.domain.access.AccessPolicy;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.views.ExecutionFilter;
import dev.orchestrator.core.domain.views.ExecutionView;
import dev.orchestrator.core.domain.views.HistoryEntry;
import dev.orchestrator.core.domain.views.ListSort;
import dev.orchestrator.core.domain.views.PageCursor;
import dev.orchestrator.core.domain.views.Visibility;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The work views: visibility as {@link AccessPolicy#canView} says, priority explained as the queue explains it. */
public final class ExecutionViewService implements ViewExecutions {

    /** Events an operator's full history reads per round trip. */
    private static final int OPERATOR_PAGE = 500;

    private final ExecutionViews views;
    private final ProfileLookup profiles;
    private final OrganizationSettingsStore settings;
    private final PolicySource policies;
    private final ExplainedPriorities explained;
    private final Blocking blocking;
    private final ReadTransactions reads;
    private final Clock clock;

    public ExecutionViewService(ExecutionViews views, ProfileLookup profiles, OrganizationSettingsStore settings,
            PolicySource policies, SignalLifecycle lifecycle, DependencyBlocks dependencies, ReadTransactions reads,
            Clock clock) {
        this.blocking = new Blocking(dependencies);
        this.views = views;
        this.reads = reads;
        this.profiles = profiles;
        this.settings = settings;
        this.policies = policies;
        this.explained = new ExplainedPriorities(policies, lifecycle);
        this.clock = clock;
    }

    @Override
    public Result<Detail> execution(Profile caller, ExecutionId id) {
        return reads.together(() -> visible(caller, id).map(view -> new Detail(view,
                explained.of(caller.organizationId(), view.entry(), LocalDate.now(clock)),
                escalation(view, settings.settings(caller.organizationId()), clock.instant()),
                blocking.of(view.entry().execution()))));
    }

    @Override
    public Result<HistoryPage> history(Profile caller, ExecutionId id, Optional<String> cursor, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return Result.err(Failure.Invalid.of("limit", "must be between 1 and " + MAX_LIMIT));
        }
        String fingerprint = "history|" + id;
        Result<Optional<ListSort.Position>> after = position(cursor, fingerprint);
        if (after instanceof Result.Err<Optional<ListSort.Position>> err) {
            return Result.err(err.failure());
        }
        long afterSequence = after.orElseThrow().map(ListSort.Position::key).orElse(0L);
        return reads.together(() -> visible(caller, id).map(view -> {
            List<HistoryEntry> events = views.history(caller.organizationId(), id, afterSequence, limit + 1);
            if (events.size() <= limit) {
                return new HistoryPage(events, Optional.empty());
            }
            List<HistoryEntry> page = events.subList(0, limit);
            HistoryEntry last = page.get(limit - 1);
            return new HistoryPage(List.copyOf(page), Optional.of(
                    PageCursor.encode(fingerprint, new ListSort.Position(last.sequence(), id.value()))));
        }));
    }

    @Override
    public Result<ListPage> list(Profile caller, ListQuery query) {
        // One unit of reads: the team, the policy, the page, what it explains and its total.
        return reads.together(() -> listNow(caller, query));
    }

    private Result<ListPage> listNow(Profile caller, ListQuery query) {
        Result<Selection> selected = selection(caller, query, true);
        if (selected instanceof Result.Err<Selection> err) {
            return Result.err(err.failure());
        }
        Selection selection = selected.orElseThrow();
        ExecutionFilter filter = selection.filter();
        Visibility visibility = selection.visibility();
        // Read once: its labels select the rows, its weights explain them.
        dev.orchestrator.core.domain.policy.PolicyVersion current = policies.current(caller.organizationId());
        var labels = current.policies().priority().labels();
        List<ExecutionView> rows = views.list(caller.organizationId(), visibility, filter, labels, query.sort(),
                selection.after(), query.limit() + 1);
        List<ExecutionView> page = rows.size() > query.limit() ? rows.subList(0, query.limit()) : rows;
        Optional<String> next = rows.size() > query.limit()
                ? Optional.of(PageCursor.encode(query.fingerprint(), query.sort().position(page.get(page.size() - 1))))
                : Optional.empty();
        LocalDate today = LocalDate.now(clock);
        List<dev.orchestrator.core.domain.priority.PriorityScore> priorities = explained.of(caller.organizationId(),
                page.stream().map(ExecutionView::entry).toList(), today, current);
        List<ListItem> items = new java.util.ArrayList<>(page.size());
        OrganizationSettings organization = page.stream().anyMatch(v -> v.entry().execution().escalation() != null)
                ? settings.settings(caller.organizationId()) : OrganizationSettings.DEFAULTS;
        Instant now = clock.instant();
        for (int i = 0; i < page.size(); i++) {
            items.add(new ListItem(page.get(i), priorities.get(i), escalation(page.get(i), organization, now)));
        }
        if (query.cursor().isEmpty() && next.isEmpty()) {
            // The first page is the whole list: its size is the total, no count needed.
            return Result.ok(new ListPage(List.copyOf(items), next, page.size(), false));
        }
        // One row past the bound tells "exactly MAX_EXACT_TOTAL" from "more".
        long counted = views.countUpTo(caller.organizationId(), visibility, filter, labels, MAX_EXACT_TOTAL + 1);
        return Result.ok(new ListPage(List.copyOf(items), next, Math.min(counted, MAX_EXACT_TOTAL),
                counted > MAX_EXACT_TOTAL));
    }

    /**
     * The ids of the first {@code max} executions {@code query} lists for {@code caller} (its cursor and
     * limit aside), in its order: the bulk actions' filter, which must select what the list shows.
     */
    Result<List<ExecutionId>> select(Profile caller, ListQuery query, int max) {
        return reads.together(() -> selection(caller, query, false).map(selection -> views.list(
                caller.organizationId(), selection.visibility(), selection.filter(),
                policies.current(caller.organizationId()).policies().priority().labels(), query.sort(),
                Optional.empty(), max).stream().map(view -> view.entry().execution().id()).toList()));
    }

    /** A list query, validated, as the port's visibility and filter (and where its page starts). */
    private record Selection(Visibility visibility, ExecutionFilter filter, Optional<ListSort.Position> after) {
    }

    private Result<Selection> selection(Profile caller, ListQuery query, boolean paged) {
        List<Failure.FieldError> errors = new ArrayList<>();
        if (paged && (query.limit() < 1 || query.limit() > MAX_LIMIT)) {
            errors.add(new Failure.FieldError("limit", "must be between 1 and " + MAX_LIMIT));
        }
        query.dueWithinDays().filter(d -> d < 0 || d > MAX_DUE_WITHIN_DAYS).ifPresent(d -> errors.add(
                new Failure.FieldError("due_within_days", "must be a whole number from 0 to " + MAX_DUE_WITHIN_DAYS)));
        query.text().filter(t -> t.isBlank() || t.length() > MAX_TEXT_LENGTH).ifPresent(t -> errors.add(
                new Failure.FieldError("q", "must be 1 to " + MAX_TEXT_LENGTH + " characters, not only spaces")));
        Result<Optional<ListSort.Position>> after = paged ? position(query.cursor(), query.fingerprint())
                : Result.ok(Optional.empty());
        if (after instanceof Result.Err<Optional<ListSort.Position>> err) {
            errors.addAll(((Failure.Invalid) err.failure()).errors());
        }
        if (!errors.isEmpty()) {
            return Result.err(new Failure.Invalid(errors));
        }
        Instant now = clock.instant();
        ExecutionFilter filter = new ExecutionFilter(query.statuses(), query.workflowType(), query.label(),
                query.customer(), query.csm(), query.definition(),
                query.dueWithinDays().map(days -> now.plus(Duration.ofDays(days))), query.snoozedUntilBefore(),
                query.text());
        return Result.ok(new Selection(visibility(caller, query.escalatedToMe()), filter, after.orElseThrow()));
    }

    @Override
    public Result<List<HistoryEntry>> operatorHistory(Optional<OrganizationId> organization, ExecutionId id) {
        Optional<OrganizationId> found = organization.isPresent()
                ? organization.filter(org -> views.view(org, id).isPresent())
                : views.organizationOf(id);
        if (found.isEmpty()) {
            return Result.err(new Failure.NotFound("execution " + id + " not found"
                    + organization.map(o -> " in organization " + o).orElse("")));
        }
        List<HistoryEntry> all = new ArrayList<>();
        long after = 0;
        while (true) {
            List<HistoryEntry> page = views.history(found.get(), id, after, OPERATOR_PAGE);
            all.addAll(page);
            if (page.size() < OPERATOR_PAGE) {
                return Result.ok(List.copyOf(all));
            }
            after = page.get(page.size() - 1).sequence();
        }
    }

    /**
     * What a list may hold for {@code caller}: the work escalated to them, or the work they own: an
     * admin's organization; anyone else's own and their reports' (who the assigned CSM reports to is
     * what {@link AccessPolicy#canView} asks too).
     */
    private Visibility visibility(Profile caller, boolean escalatedToMe) {
        if (escalatedToMe) {
            return new Visibility.EscalatedTo(caller.id());
        }
        if (caller.role() == Role.ADMIN) {
            return new Visibility.WholeOrganization();
        }
        Set<ProfileId> csms = new HashSet<>();
        csms.add(caller.id());
        profiles.reportsOf(caller.organizationId(), caller.id()).forEach(p -> csms.add(p.id()));
        return new Visibility.AssignedTo(csms);
    }

    private static EscalationView escalation(ExecutionView view, OrganizationSettings organization, Instant now) {
        return EscalationView.of(view.entry().execution().escalation(), view.escalationUser(), organization, now);
    }

    private Result<ExecutionView> visible(Profile caller, ExecutionId id) {
        Optional<ExecutionView> found = views.view(caller.organizationId(), id)
                .filter(view -> canView(caller, view.entry().execution()));
        return found.<Result<ExecutionView>>map(Result::ok)
                .orElseGet(() -> Result.err(new Failure.NotFound("execution " + id + " not found")));
    }

    private boolean canView(Profile caller, WorkflowExecution execution) {
        Profile assignedCsm = caller.id().equals(execution.assignedCsmId()) ? null
                : profiles.findProfile(caller.organizationId(), execution.assignedCsmId()).orElse(null);
        return AccessPolicy.canView(caller, execution, assignedCsm);
    }

    private static Result<Optional<ListSort.Position>> position(Optional<String> cursor, String fingerprint) {
        if (cursor.isEmpty()) {
            return Result.ok(Optional.empty());
        }
        PageCursor.Read read = PageCursor.decode(cursor.get(), fingerprint);
        if (read instanceof PageCursor.Continue next) {
            return Result.ok(Optional.of(next.position()));
        }
        return Result.err(Failure.Invalid.of("cursor", read instanceof PageCursor.OtherQuery
                ? "belongs to another query (other filters or order): start again without a cursor"
                : "is not a cursor of this service, or was altered"));
    }
}
