package dev.orchestrator.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orchestrator.core.application.Failure.FieldError;
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
    private final List<FieldError> errors = new ArrayList<>();

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /** Parses the body; fields not in {@code allowed} are errors (a body cannot set what it does not name). */
    static JsonBody read(Context ctx, String... allowed) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            throw ApiProblem.badRequest("a JSON object body is required");
        }
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
        JsonBody body = new JsonBody((ObjectNode) parsed);
        Set<String> known = Set.of(allowed);
        for (Iterator<String> names = parsed.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                body.errors.add(new FieldError(name, "is not a known field (known: " + String.join(", ", allowed) + ")"));
            }
        }
        return body;
    }

    private Optional<JsonNode> present(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    private <T> T missing(String field) {
        errors.add(new FieldError(field, "is required"));
        return null;
    }

    /** A whole number that fits an int; null (and an error) when missing or not one. */
    Integer requiredInt(String field) {
        return present(field).map(v -> {
            if (v.isIntegralNumber() && v.canConvertToInt()) {
                return v.intValue();
            }
            errors.add(new FieldError(field, "must be a whole number"));
            return (Integer) null;
        }).orElseGet(() -> missing(field));
    }

    Optional<Integer> optionalInt(String field) {
        return present(field).isPresent() ? Optional.ofNullable(requiredInt(field)) : Optional.empty();
    }

    String requiredText(String field) {
        return present(field).map(v -> {
            if (v.isTextual()) {
                return v.textValue();
            }
            errors.add(new FieldError(field, "must be a string"));
            return (String) null;
        }).orElseGet(() -> missing(field));
    }

    Optional<String> optionalText(String field) {
        return present(field).isPresent() ? Optional.ofNullable(requiredText(field)) : Optional.empty();
    }

    UUID requiredUuid(String field) {
        return present(field).map(v -> {
            Optional<UUID> id = v.isTextual() ? Uuids.parse(v.textValue()) : Optional.empty();
            if (id.isEmpty()) {
                errors.add(new FieldError(field, "must be a UUID"));
            }
            return id.orElse(null);
        }).orElseGet(() -> missing(field));
    }

    Optional<UUID> optionalUuid(String field) {
        return present(field).isPresent() ? Optional.ofNullable(requiredUuid(field)) : Optional.empty();
    }

    Optional<JsonObject> optionalObject(String field) {
        return present(field).map(v -> {
            if (v.isObject()) {
                return Json.toCore((ObjectNode) v);
            }
            errors.add(new FieldError(field, "must be a JSON object"));
            return null;
        });
    }

    /** Throws the collected field errors, if any; returns this otherwise. */
    JsonBody validated() {
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return this;
    }
}
