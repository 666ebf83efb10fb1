package dev.orchestrator.core.domain.policy;

import dev.orchestrator.core.domain.catalog.Problems;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON object of a policy document: every key must be known, every value of its JSON
 * type and range, and each problem is named by its full path ({@code priority_policy.labels.high}).
 * A field with a problem reads as null, so that every problem of a document is found in one pass.
 */
final class PolicyFields {

    private final Map<?, ?> values;
    private final String path;
    private final Problems problems;

    /** Every key in {@code known} is required. */
    PolicyFields(Map<?, ?> values, String path, Problems problems, List<String> known) {
        this(values, path, problems, known, known);
    }

    PolicyFields(Map<?, ?> values, String path, Problems problems, List<String> known, List<String> required) {
        this.values = values;
        this.path = path;
        this.problems = problems;
        for (Object key : values.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                problems.add(path(String.valueOf(key)), "is not a known key (known: " + String.join(", ", known) + ")");
            }
        }
        for (String name : required) {
            if (!values.containsKey(name) || values.get(name) == null) {
                problems.add(path(name), "missing");
            }
        }
    }

    /** Reads {@code value} at {@code path} as an object, or reports what it is instead (null then). */
    static Map<?, ?> object(Object value, String path, Problems problems) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        problems.add(path, value == null ? "missing" : "must be an object");
        return null;
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    Problems problems() {
        return problems;
    }

    Object raw(String field) {
        return values.get(field);
    }

    Map<?, ?> object(String field) {
        Object v = values.get(field);
        if (v == null) {
            return null;
        }
        return object(v, path(field), problems);
    }

    List<?> array(String field) {
        Object v = values.get(field);
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> list) {
            return list;
        }
        problems.add(path(field), "must be an array");
        return null;
    }

    String text(String field) {
        Object v = values.get(field);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        problems.add(path(field), "must be a string");
        return null;
    }

    BigDecimal number(String field) {
        return number(values.get(field), path(field), problems);
    }

    static BigDecimal number(Object v, String path, Problems problems) {
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && !(v instanceof Double d && (d.isNaN() || d.isInfinite()))
                && !(v instanceof Float f && (f.isNaN() || f.isInfinite()))) {
            return n instanceof BigDecimal b ? b : n instanceof BigInteger i ? new BigDecimal(i) : new BigDecimal(n.toString());
        }
        problems.add(path, "must be a number");
        return null;
    }

    /** A whole number within [min, max]. */
    Integer integer(String field, int min, int max) {
        return integer(values.get(field), path(field), problems, min, max);
    }

    static Integer integer(Object v, String path, Problems problems, int min, int max) {
        BigDecimal d = number(v, path, problems);
        if (d == null) {
            return null;
        }
        if (d.stripTrailingZeros().scale() > 0) {
            problems.add(path, "must be a whole number");
            return null;
        }
        if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            problems.add(path, "must be between " + min + " and " + max);
            return null;
        }
        return d.intValueExact();
    }
}
