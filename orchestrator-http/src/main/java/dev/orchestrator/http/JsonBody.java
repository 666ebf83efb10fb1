package dev.orchestrator.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orchestrator.core.application.Failure.FieldError;
import dev.orchestrator.core.domain.catalog.Text;
import dev.orchestrator.core.domain.json.JsonObject;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A request body read strictly: a JSON object holding only the fields the route names, each of the
 * type it must be. Errors are collected per field and thrown together by {@link #validated()}.
 */
final class JsonBody {

    private final ObjectNode node;
    /** Put before every field an error names: {@code params.} for an object within a body. */
    private final String prefix;
    private final List<FieldError> errors = new ArrayList<>();

    private JsonBody(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** Parses the body; fields not in {@code allowed} are errors (a body cannot set what it does not name). */
    static JsonBody read(Context ctx, String... allowed) {
        return within(parseObject(ctx), "", allowed);
    }

    /**
     * An object already parsed (a member of a body, say), read with the same rules; errors name its
     * fields after {@code prefix}.
     */
    static JsonBody within(ObjectNode object, String prefix, String... allowed) {
        JsonBody body = new JsonBody(object, prefix);
        Set<String> known = Set.of(allowed);
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                body.errors.add(new FieldError(prefix + name, "is not a known field (known: " + String.join(", ", allowed)
                        + ")"));
            }
        }
        return body;
    }

    /** A member that is an object, as it is; absent (or null) is empty. */
    Optional<ObjectNode> optionalNode(String field) {
        if (!present(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        return value.isObject() ? Optional.of((ObjectNode) value)
                : Optional.ofNullable(wrong(field, "must be a JSON object"));
    }

    /** A member that is an array, its elements as they are; absent (or null) is empty. */
    Optional<List<JsonNode>> optionalArray(String field) {
        if (!present(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            return Optional.ofNullable(wrong(field, "must be a JSON array"));
        }
        List<JsonNode> elements = new ArrayList<>();
        value.forEach(elements::add);
        return Optional.of(elements);
    }

    /** Records an error on {@code field} (named after this body's prefix). */
    void reject(String field, String message) {
        wrong(field, message);
    }

    /**
     * The body as the core's JSON object, for the routes whose fields the core reads itself (the
     * catalog's): well-formed, an object, no duplicate keys, and every string storable.
     */
    static JsonObject object(Context ctx) {
        return Json.toCore(parseObject(ctx));
    }

    /** One JSON object from {@code bytes} (a line of a batch), with the same checks; the problem as a message. */
    static JsonObject objectOf(byte[] bytes) {
        return Json.toCore(parse(bytes));
    }

    private static ObjectNode parseObject(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            throw ApiProblem.badRequest("a JSON object body is required");
        }
        return parse(bytes);
    }

    private static ObjectNode parse(byte[] bytes) {
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw ApiProblem.badRequest("the body is not well-formed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiProblem.badRequest("the body could not be read");
        }
        if (parsed == null || !parsed.isObject()) {
            throw ApiProblem.badRequest("the body must be a JSON object");
        }
        List<FieldError> unstorable = new ArrayList<>();
        checkText(parsed, "", unstorable);
        if (!unstorable.isEmpty()) {
            throw ApiProblem.invalid(unstorable);
        }
        return (ObjectNode) parsed;
    }

    /**
     * Every string of every body, keys too, must be storable (no NUL, no unpaired surrogate): the
     * core's {@link Text} rule, applied once here for every route, naming the field's path.
     */
    private static void checkText(JsonNode node, String path, List<FieldError> errors) {
        if (node.isTextual()) {
            Text.problem(node.textValue()).ifPresent(reason -> errors.add(new FieldError(path, reason)));
        } else if (node.isObject()) {
            for (Iterator<java.util.Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                var field = fields.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                Optional<String> keyProblem = Text.problem(field.getKey());
                if (keyProblem.isPresent()) {
                    errors.add(new FieldError(path.isEmpty() ? "body" : path, "has a key that " + keyProblem.get()));
                } else {
                    checkText(field.getValue(), child, errors);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkText(node.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    /** Whether {@code field} was given (present and not null), whatever its value. */
    boolean has(String field) {
        return present(field);
    }

    /** Present and not null: an explicit null counts as absent. */
    private boolean present(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    private <T> T missing(String field) {
        errors.add(new FieldError(prefix + field, "is required"));
        return null;
    }

    private <T> T wrong(String field, String message) {
        errors.add(new FieldError(prefix + field, message));
        return null;
    }

    /** A whole number that fits an int; null (and an error) when missing or not one. */
    Integer requiredInt(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return missing(field);
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        return wrong(field, "must be a whole number");
    }

    Optional<Integer> optionalInt(String field) {
        return present(field) ? Optional.ofNullable(requiredInt(field)) : Optional.empty();
    }

    String requiredText(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return missing(field);
        }
        return value.isTextual() ? value.textValue() : wrong(field, "must be a string");
    }

    Optional<String> optionalText(String field) {
        return present(field) ? Optional.ofNullable(requiredText(field)) : Optional.empty();
    }

    UUID requiredUuid(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return missing(field);
        }
        Optional<UUID> id = value.isTextual() ? Uuids.parse(value.textValue()) : Optional.empty();
        return id.isPresent() ? id.get() : wrong(field, "must be a UUID");
    }

    Optional<UUID> optionalUuid(String field) {
        return present(field) ? Optional.ofNullable(requiredUuid(field)) : Optional.empty();
    }

    Optional<JsonObject> optionalObject(String field) {
        if (!present(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        return value.isObject() ? Optional.of(Json.toCore((ObjectNode) value)) : Optional.ofNullable(wrong(field, "must be a JSON object"));
    }

    /** Throws the collected field errors, if any; returns this otherwise. */
    JsonBody validated() {
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return this;
    }
}
