package dev.orchestrator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orchestrator.core.application.Failure.FieldError;
import dev.orchestrator.core.application.port.in.ActInBulk;
import dev.orchestrator.core.application.port.in.ViewExecutions;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.lifecycle.Transition;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /api/orchestrator/executions/bulk} {@code {action, ids | filter, params}}: {@code params}
 * is read by the action's single route's own reader ({@link TransitionBodies}), {@code filter} by the
 * list route's ({@link ExecutionViewHandlers#listQuery}); every bad field of the request is named in
 * one 400. Answered 200 with one result per execution, each with the status (and problem) a single
 * call would have had.
 */
final class BulkHandler {

    /** The list's parameters a filter may hold: all but its page (cursor, limit). */
    static final List<String> FILTER_FIELDS = ExecutionViewHandlers.LIST_PARAMETERS.stream()
            .filter(name -> !name.equals("cursor") && !name.equals("limit")).toList();

    private final ActInBulk bulk;
    private final BulkItemRunner items;

    BulkHandler(ActInBulk bulk, BulkItemRunner items) {
        this.bulk = bulk;
        this.items = items;
    }

    void act(Context ctx) {
        JsonBody body = JsonBody.read(ctx, "action", "ids", "filter", "params");
        String action = body.requiredText("action");
        Optional<List<JsonNode>> idNodes = body.optionalArray("ids");
        Optional<ObjectNode> filterNode = body.optionalNode("filter");
        Optional<ObjectNode> paramsNode = body.optionalNode("params");
        body.validated();
        List<FieldError> errors = new ArrayList<>();
        Optional<TransitionBodies> reader = TransitionBodies.of(action);
        if (reader.isEmpty()) {
            errors.add(new FieldError("action", "'" + action + "' is not a bulk action (known: "
                    + TransitionBodies.ACTIONS + ")"));
        }
        Transition transition = reader.map(r -> collect(errors, () -> r.read(JsonBody.within(
                paramsNode.orElseGet(Json.MAPPER::createObjectNode), "params.", r.fields())))).orElse(null);
        Optional<List<ExecutionId>> ids = idNodes.map(nodes -> ids(nodes, errors));
        Optional<ViewExecutions.ListQuery> filter = filterNode.map(node -> collect(errors,
                () -> ExecutionViewHandlers.listQuery(parameters(node)), "filter."));
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        var caller = Authentication.caller(ctx);
        ActInBulk.BulkOutcome outcome = Responses.valueOf(bulk.act(caller,
                new ActInBulk.BulkRequest(transition, ids, filter), items.forOrganization(caller.organizationId())));
        List<Map<String, Object>> results = new ArrayList<>();
        for (ActInBulk.ItemResult item : outcome.items()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("id", item.id().toString());
            if (item.failure().isEmpty()) {
                result.put("status", 200);
            } else {
                ApiProblem problem = ApiProblem.from(item.failure().get());
                result.put("status", problem.status);
                result.put("error", ProblemResponses.embedded(problem));
            }
            results.add(result);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("action", action);
        json.put("results", results);
        json.put("summary", Map.of("ok", outcome.succeeded(), "failed", outcome.items().size() - outcome.succeeded()));
        Responses.json(ctx, 200, json);
    }

    private static List<ExecutionId> ids(List<JsonNode> nodes, List<FieldError> errors) {
        List<ExecutionId> ids = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode node = nodes.get(i);
            Optional<UUID> id = node.isTextual() ? Uuids.parse(node.textValue()) : Optional.empty();
            if (id.isPresent()) {
                ids.add(ExecutionId.of(id.get()));
            } else {
                errors.add(new FieldError("ids[" + i + "]", "must be a UUID"));
            }
        }
        return ids;
    }

    /**
     * A filter object as the list's query parameters: a string, number or boolean is one value, an array
     * of them (statuses) several; what the list does not know is named.
     */
    private static Map<String, List<String>> parameters(ObjectNode filter) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = filter.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!FILTER_FIELDS.contains(field.getKey())) {
                errors.add(new FieldError(field.getKey(), "is not a filter of the list route (known: "
                        + String.join(", ", FILTER_FIELDS) + ")"));
                continue;
            }
            List<String> values = new ArrayList<>();
            JsonNode value = field.getValue();
            for (JsonNode one : value.isArray() ? value : List.of(value)) {
                if (one.isValueNode() && !one.isNull()) {
                    values.add(one.asText());
                } else {
                    errors.add(new FieldError(field.getKey(), "must be a string, a number, a boolean or an array of them"));
                    break;
                }
            }
            params.put(field.getKey(), values);
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return params;
    }

    private static <T> T collect(List<FieldError> errors, java.util.function.Supplier<T> read) {
        return collect(errors, read, "");
    }

    /** {@code read}'s value, or null with its 400's errors (named after {@code prefix}) kept in {@code errors}. */
    private static <T> T collect(List<FieldError> errors, java.util.function.Supplier<T> read, String prefix) {
        try {
            return read.get();
        } catch (ApiProblem problem) {
            if (problem.errors.isEmpty()) {
                errors.add(new FieldError(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
                        problem.detail()));
            }
            problem.errors.forEach(e -> errors.add(new FieldError(prefix + e.field(), e.message())));
            return null;
        }
    }
}
