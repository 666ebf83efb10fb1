package dev.orchestrator.core.domain.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON object held without any JSON library, so that the core stays dependency-free.
 *
 * <p>Values are deeply immutable and limited to what JSON can carry: {@code null}, {@link String},
 * {@link Boolean}, {@link Number}, {@code List} of values and {@code Map<String, ?>} of values.
 * Adapters convert to and from their JSON library at the edge.
 */
public record JsonObject(Map<String, Object> values) {

    public static final JsonObject EMPTY = new JsonObject(Map.of());

    public JsonObject {
        values = freezeMap(values);
    }

    public static JsonObject of(Map<String, ?> values) {
        return new JsonObject(new LinkedHashMap<>(values));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** A whole number under {@code key}, if there is one; strings holding a whole number count too. */
    public Optional<Long> wholeNumber(String key) {
        return decimal(key).flatMap(d -> {
            try {
                return Optional.of(d.longValueExact());
            } catch (ArithmeticException notWhole) {
                return Optional.empty();
            }
        });
    }

    /**
     * A number under {@code key}, if there is one. A string counts when it is a plain decimal
     * ({@value #PLAIN_DECIMAL}, surrounding blanks allowed): the same test the SQL adapters apply,
     * so that Java and SQL read the same thresholds.
     */
    public Optional<BigDecimal> decimal(String key) {
        Object value = values.get(key);
        if (value instanceof Number n) {
            return Optional.of(new BigDecimal(n.toString()));
        }
        if (value instanceof String s && s.strip().matches(PLAIN_DECIMAL)) {
            return Optional.of(new BigDecimal(s.strip()));
        }
        return Optional.empty();
    }

    /** What a number written as a JSON string must look like to be read as a number. */
    public static final String PLAIN_DECIMAL = "-?[0-9]+(\\.[0-9]+)?";

    public Optional<String> text(String key) {
        return values.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    private static Map<String, Object> freezeMap(Map<?, ?> source) {
        if (source == null) {
            throw new IllegalArgumentException("a JSON object cannot be null");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((key, value) -> {
            if (!(key instanceof String name)) {
                throw new IllegalArgumentException("JSON object keys must be strings, got " + key);
            }
            copy.put(name, freeze(value));
        });
        return Collections.unmodifiableMap(copy);
    }

    static Object freeze(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            return freezeMap(map);
        }
        if (value instanceof JsonObject object) {
            return object.values();
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(freeze(element)));
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
}
