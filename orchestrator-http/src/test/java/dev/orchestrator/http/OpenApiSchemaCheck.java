package dev.orchestrator.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A small validator for the OpenAPI 3.0 schema subset openapi.json uses: $ref, allOf, type, nullable,
 * enum, format (uuid, date-time), required, properties, additionalProperties, items, minimum/maximum,
 * minLength/maxLength. Returns what is wrong, so tests can show it.
 */
final class OpenApiSchemaCheck {

    private final JsonNode document;

    OpenApiSchemaCheck(JsonNode document) {
        this.document = document;
    }

    List<String> validate(JsonNode schema, JsonNode value) {
        List<String> errors = new ArrayList<>();
        check(schema, value, "$", errors);
        return errors;
    }

    private JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local refs: " + ref);
            }
            schema = document.at(ref.substring(1));
            if (schema.isMissingNode()) {
                throw new IllegalArgumentException("dangling ref " + ref);
            }
        }
        return schema;
    }

    private void check(JsonNode schemaOrRef, JsonNode value, String at, List<String> errors) {
        JsonNode schema = resolve(schemaOrRef);
        if (value == null || value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                errors.add(at + ": null but not nullable");
            }
            return;
        }
        for (JsonNode part : schema.path("allOf")) {
            check(part, value, at, errors);
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object":
                if (!value.isObject()) {
                    errors.add(at + ": expected an object, got " + value.getNodeType());
                    return;
                }
                for (JsonNode required : schema.path("required")) {
                    if (!value.has(required.asText())) {
                        errors.add(at + ": missing required property " + required.asText());
                    }
                }
                JsonNode properties = schema.path("properties");
                for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (properties.has(name)) {
                        check(properties.get(name), value.get(name), at + "." + name, errors);
                    } else if (schema.has("additionalProperties") && !schema.get("additionalProperties").asBoolean(true)) {
                        errors.add(at + ": property " + name + " is not in the schema");
                    }
                }
                break;
            case "array":
                if (!value.isArray()) {
                    errors.add(at + ": expected an array, got " + value.getNodeType());
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(schema.path("items"), value.get(i), at + "[" + i + "]", errors);
                }
                break;
            case "string":
                if (!value.isTextual()) {
                    errors.add(at + ": expected a string, got " + value.getNodeType());
                    return;
                }
                checkFormat(schema.path("format").asText(""), value.asText(), at, errors);
                if (schema.has("minLength") && value.asText().length() < schema.get("minLength").asInt()) {
                    errors.add(at + ": shorter than minLength");
                }
                if (schema.has("maxLength") && value.asText().length() > schema.get("maxLength").asInt()) {
                    errors.add(at + ": longer than maxLength");
                }
                break;
            case "integer":
                if (!value.isIntegralNumber()) {
                    errors.add(at + ": expected an integer, got " + value);
                }
                checkRange(schema, value, at, errors);
                break;
            case "number":
                if (!value.isNumber()) {
                    errors.add(at + ": expected a number, got " + value);
                }
                checkRange(schema, value, at, errors);
                break;
            case "boolean":
                if (!value.isBoolean()) {
                    errors.add(at + ": expected a boolean, got " + value);
                }
                break;
            case "":
                break;
            default:
                throw new IllegalArgumentException("unsupported type " + type + " at " + at);
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                errors.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
    }

    private static void checkRange(JsonNode schema, JsonNode value, String at, List<String> errors) {
        if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
            errors.add(at + ": below minimum");
        }
        if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
            errors.add(at + ": above maximum");
        }
    }

    private static void checkFormat(String format, String text, String at, List<String> errors) {
        if (format.equals("uuid") && Uuids.parse(text).isEmpty()) {
            errors.add(at + ": not a UUID: " + text);
        }
        if (format.equals("date-time")) {
            try {
                Instant.parse(text);
            } catch (DateTimeParseException e) {
                errors.add(at + ": not an ISO-8601 UTC time: " + text);
            }
        }
    }
}
