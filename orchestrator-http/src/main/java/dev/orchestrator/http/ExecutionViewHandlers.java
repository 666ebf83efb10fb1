package dev.orchestrator.http;

import dev.orchestrator.core.application.Failure.FieldError;
import dev.orchestrator.core.application.port.in.ViewExecutions;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.priority.PriorityLabel;
import dev.orchestrator.core.domain.views.ListSort;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The work views: {@code GET /api/orchestrator/executions} (filtered, ordered, keyset-paged),
 * {@code GET …/executions/{id}} and {@code GET …/executions/{id}/events}. Every query parameter is
 * parsed here and every bad one is named in one 400; ranges and cursors are the core's to check.
 */
final class ExecutionViewHandlers {

    static final List<String> LIST_PARAMETERS = List.of("status", "workflow_type", "label", "customer_id", "csm_id",
            "definition_id", "escalated_to", "due_within_days", "snoozed_until_before", "q", "sort", "cursor", "limit");

    private static final String STATUSES = names(Arrays.stream(ExecutionStatus.values()).map(ExecutionStatus::wireName));
    private static final String TYPES = names(Arrays.stream(WorkflowType.values()).map(WorkflowType::wireName));
    private static final String LABELS = names(Arrays.stream(PriorityLabel.values()).map(l -> l.name().toLowerCase(Locale.ROOT)));
    private static final String SORTS = names(Arrays.stream(ListSort.values()).map(ListSort::wireName));

    private final ViewExecutions views;

    ExecutionViewHandlers(ViewExecutions views) {
        this.views = views;
    }

    void detail(Context ctx) {
        QueryParameters.only(ctx);
        ExecutionId id = QueryParameters.executionId(ctx);
        Responses.json(ctx, 200, ViewRepresentations.detail(Responses.valueOf(
                views.execution(Authentication.caller(ctx), id))));
    }

    void events(Context ctx) {
        QueryParameters.only(ctx, "cursor", "limit");
        ExecutionId id = QueryParameters.executionId(ctx);
        Errors errors = new Errors();
        Optional<String> cursor = errors.parse(() -> QueryParameters.text(ctx, "cursor"), Optional.empty());
        int limit = errors.parse(() -> QueryParameters.integer(ctx, "limit", 1, ViewExecutions.MAX_LIMIT)
                .orElse(ViewExecutions.DEFAULT_LIMIT), ViewExecutions.DEFAULT_LIMIT);
        errors.throwIfAny();
        ViewExecutions.HistoryPage page = Responses.valueOf(views.history(Authentication.caller(ctx), id, cursor, limit));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("items", page.items().stream().map(ViewRepresentations::event).toList());
        json.put("next_cursor", page.nextCursor().orElse(null));
        Responses.json(ctx, 200, json);
    }

    void list(Context ctx) {
        QueryParameters.only(ctx, LIST_PARAMETERS.toArray(String[]::new));
        ViewExecutions.ListPage page = Responses.valueOf(views.list(Authentication.caller(ctx),
                listQuery(ctx.queryParamMap())));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("items", page.items().stream().map(ViewRepresentations::listItem).toList());
        json.put("next_cursor", page.nextCursor().orElse(null));
        json.put("total", page.total());
        json.put("total_is_lower_bound", page.totalIsLowerBound());
        Responses.json(ctx, 200, json);
    }

    /**
     * The list's query from its parameters (the query string, or a bulk action's filter): every bad one
     * named in one 400.
     */
    static ViewExecutions.ListQuery listQuery(Map<String, List<String>> params) {
        Errors errors = new Errors();
        Set<ExecutionStatus> statuses = EnumSet.noneOf(ExecutionStatus.class);
        for (String text : params.getOrDefault("status", List.of())) {
            ExecutionStatus.fromWireName(text).ifPresentOrElse(statuses::add,
                    () -> errors.add("status", "must be one of " + STATUSES + " (repeat the parameter for several)"));
        }
        Optional<WorkflowType> type = errors.parse(() -> QueryParameters.text(params, "workflow_type").map(text ->
                WorkflowType.fromWireName(text).orElseThrow(() -> ApiProblem.invalid("workflow_type",
                        "must be one of " + TYPES))), Optional.empty());
        Optional<PriorityLabel> label = errors.parse(() -> QueryParameters.text(params, "label").map(text ->
                Arrays.stream(PriorityLabel.values()).filter(l -> l.name().equalsIgnoreCase(text)).findFirst()
                        .orElseThrow(() -> ApiProblem.invalid("label", "must be one of " + LABELS))), Optional.empty());
        Optional<CustomerId> customer = errors.parse(() -> QueryParameters.uuid(params, "customer_id").map(CustomerId::of),
                Optional.empty());
        Optional<ProfileId> csm = errors.parse(() -> QueryParameters.uuid(params, "csm_id").map(ProfileId::of),
                Optional.empty());
        Optional<DefinitionId> definition = errors.parse(() -> QueryParameters.uuid(params, "definition_id")
                .map(DefinitionId::of), Optional.empty());
        boolean escalatedToMe = errors.parse(() -> QueryParameters.text(params, "escalated_to").map(text -> {
            if (!text.equals("me")) {
                throw ApiProblem.invalid("escalated_to", "must be me (the work escalated to you)");
            }
            return true;
        }).orElse(false), false);
        Optional<Integer> dueWithin = errors.parse(() -> QueryParameters.integer(params, "due_within_days", 0,
                ViewExecutions.MAX_DUE_WITHIN_DAYS), Optional.empty());
        Optional<Instant> snoozedBefore = errors.parse(() -> QueryParameters.text(params, "snoozed_until_before")
                .map(ExecutionViewHandlers::instantOrDate), Optional.empty());
        Optional<String> text = errors.parse(() -> QueryParameters.text(params, "q"), Optional.empty());
        ListSort sort = errors.parse(() -> QueryParameters.text(params, "sort").map(s -> ListSort.fromWireName(s)
                .orElseThrow(() -> ApiProblem.invalid("sort", "must be one of " + SORTS))).orElse(ListSort.DEFAULT),
                ListSort.DEFAULT);
        Optional<String> cursor = errors.parse(() -> QueryParameters.text(params, "cursor"), Optional.empty());
        int limit = errors.parse(() -> QueryParameters.integer(params, "limit", 1, ViewExecutions.MAX_LIMIT)
                .orElse(ViewExecutions.DEFAULT_LIMIT), ViewExecutions.DEFAULT_LIMIT);
        errors.throwIfAny();
        return new ViewExecutions.ListQuery(statuses, type, label, customer, csm, definition, escalatedToMe, dueWithin,
                snoozedBefore, text, sort, cursor, limit);
    }

    /** An ISO-8601 instant ({@code 2026-03-05T12:00:00Z}) or a date (its start, UTC). */
    private static Instant instantOrDate(String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid("snoozed_until_before",
                    "must be an ISO-8601 date (2026-03-05) or instant (2026-03-05T12:00:00Z)");
        }
    }

    private static String names(java.util.stream.Stream<String> names) {
        return names.collect(Collectors.joining(", "));
    }

    /** Every bad parameter of one request, answered together. */
    private static final class Errors {
        private final List<FieldError> errors = new ArrayList<>();

        void add(String field, String message) {
            errors.add(new FieldError(field, message));
        }

        <T> T parse(Supplier<T> parser, T fallback) {
            try {
                return parser.get();
            } catch (ApiProblem problem) {
                errors.addAll(problem.errors);
                return fallback;
            }
        }

        void throwIfAny() {
            if (!errors.isEmpty()) {
                throw ApiProblem.invalid(errors);
            }
        }
    }
}
