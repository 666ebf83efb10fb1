package dev.orchestrator.cli.importing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Jackson's trees as the core's {@link JsonObject}, walked directly (cheaper than a generic conversion). */
final class JsonTrees {

    private JsonTrees() {
    }

    static JsonObject toCore(JsonNode object) {
        return new JsonObject(fields(object));
    }

    private static Map<String, Object> fields(JsonNode object) {
        Map<String, Object> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> values.put(e.getKey(), value(e.getValue())));
        return values;
    }

    private static Object value(JsonNode node) {
        if (node.isObject()) {
            return fields(node);
        }
        if (node.isArray()) {
            List<Object> elements = new ArrayList<>(node.size());
            node.forEach(element -> elements.add(value(element)));
            return elements;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.isIntegralNumber() ? (Object) node.bigIntegerValue() : node.decimalValue();
        }
        return null;
    }
}
