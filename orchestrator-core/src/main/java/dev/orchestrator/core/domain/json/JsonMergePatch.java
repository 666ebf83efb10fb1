package dev.orchestrator.core.domain.json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON Merge Patch (RFC 7386) for objects: how a workflow's progress ({@code execution_data}) is
 * updated without the caller resending everything it already saved.
 *
 * <p>A {@code null} in the patch removes the key; a nested object is merged recursively; any other
 * value replaces what was there.
 */
public final class JsonMergePatch {

    private JsonMergePatch() {
    }

    public static JsonObject apply(JsonObject target, JsonObject patch) {
        return new JsonObject(merge(target.values(), patch.values()));
    }

    private static Map<String, Object> merge(Map<String, Object> target, Map<String, Object> patch) {
        Map<String, Object> result = new LinkedHashMap<>(target);
        patch.forEach((key, value) -> {
            if (value == null) {
                result.remove(key);
            } else if (value instanceof Map<?, ?> patchChild) {
                Map<String, Object> targetChild = result.get(key) instanceof Map<?, ?> existing
                        ? asObject(existing) : Map.of();
                result.put(key, merge(targetChild, asObject(patchChild)));
            } else {
                result.put(key, value);
            }
        });
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
