package dev.orchestrator.cli.importing;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the fields of one JSON object of an import file, checking each against the schema's rules
 * and reporting every problem as {@code path.field: reason}. A field that has a problem reads as null.
 */
final class Fields {

    private final JsonNode node;
    private final String path;
    private final Problems problems;

    Fields(JsonNode node, String path, Problems problems, Set<String> known) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(path + "." + name, "is not a known field (known: " + String.join(", ", known) + ")");
            }
        }
    }

    String path(String field) {
        return path + "." + field;
    }

    void problem(String field, String reason) {
        problems.add(path(field), reason);
    }

    /** The value, or null when absent or JSON null (and then a problem if required). */
    private JsonNode value(String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problem(field, "is required");
            }
            return null;
        }
        return v;
    }

    UUID uuid(String field, boolean required) {
        JsonNode v = value(field, required);
        if (v == null) {
            return null;
        }
        if (v.isTextual()) {
            String s = v.textValue().strip();
            if (s.matches("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
                return UUID.fromString(s);
            }
        }
        problem(field, "must be a UUID such as 550e8400-e29b-41d4-a716-446655440001");
        return null;
    }

    String text(String field, boolean required, int maxLength) {
        JsonNode v = value(field, required);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            problem(field, "must be a string");
            return null;
        }
        String s = v.textValue();
        if (required && s.isBlank()) {
            problem(field, "must not be blank");
            return null;
        }
        if (s.length() > maxLength) {
            problem(field, "must be at most " + maxLength + " characters (has " + s.length() + ")");
            return null;
        }
        return s;
    }

    String email(String field, boolean required) {
        String s = text(field, required, 320);
        if (s != null && !s.matches("[^@\\s]+@[^@\\s]+")) {
            problem(field, "must be an email address");
            return null;
        }
        return s;
    }

    String oneOf(String field, boolean required, Set<String> allowed, String dflt) {
        JsonNode v = value(field, required);
        if (v == null) {
            return dflt;
        }
        if (!v.isTextual() || !allowed.contains(v.textValue())) {
            problem(field, "must be one of " + String.join(", ", allowed));
            return null;
        }
        return v.textValue();
    }

    Integer integer(String field, boolean required, long min, long max) {
        JsonNode v = value(field, required);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            problem(field, "must be a number");
            return null;
        }
        BigDecimal d = v.decimalValue();
        if (d.stripTrailingZeros().scale() > 0) {
            problem(field, "must be a whole number");
            return null;
        }
        if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            problem(field, "must be between " + min + " and " + max);
            return null;
        }
        return d.intValueExact();
    }

    /**
     * A NUMERIC(precision, 2) value within [min, max] (either bound may be null). Stored with two
     * decimals, rounded half up as PostgreSQL does, and checked after rounding.
     */
    BigDecimal decimal(String field, BigDecimal min, BigDecimal max, int precision) {
        JsonNode v = value(field, false);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            problem(field, "must be a number");
            return null;
        }
        BigDecimal d = v.decimalValue().setScale(2, RoundingMode.HALF_UP);
        if (min != null && max != null && (d.compareTo(min) < 0 || d.compareTo(max) > 0)) {
            problem(field, "must be between " + min.toPlainString() + " and " + max.toPlainString());
            return null;
        }
        if (min != null && max == null && d.compareTo(min) < 0) {
            problem(field, "must be at least " + min.toPlainString());
            return null;
        }
        if (d.precision() > precision) {
            problem(field, "must be less than " + BigDecimal.TEN.pow(precision - 2).toPlainString() + " in size");
            return null;
        }
        return d;
    }

    LocalDate date(String field) {
        JsonNode v = value(field, false);
        if (v == null) {
            return null;
        }
        try {
            if (v.isTextual()) {
                return LocalDate.parse(v.textValue());
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problem(field, "must be a date (YYYY-MM-DD)");
        return null;
    }

    /** An ISO-8601 timestamp with offset (2026-12-01T09:00:00Z), or a date meaning its start in UTC. */
    OffsetDateTime timestamp(String field) {
        JsonNode v = value(field, false);
        if (v == null) {
            return null;
        }
        if (v.isTextual()) {
            String s = v.textValue();
            try {
                return OffsetDateTime.parse(s);
            } catch (DateTimeParseException e) {
                try {
                    return LocalDate.parse(s).atStartOfDay().atOffset(ZoneOffset.UTC);
                } catch (DateTimeParseException e2) {
                    // reported below
                }
            }
        }
        problem(field, "must be a timestamp such as 2026-12-01T09:00:00Z (or a date, YYYY-MM-DD)");
        return null;
    }

    boolean bool(String field, boolean dflt) {
        JsonNode v = value(field, false);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            problem(field, "must be true or false");
            return dflt;
        }
        return v.booleanValue();
    }

    /** A nested object, or null when absent (a problem if it is something else). */
    JsonNode object(String field) {
        JsonNode v = value(field, false);
        if (v != null && !v.isObject()) {
            problem(field, "must be an object");
            return null;
        }
        return v;
    }

    JsonNode array(String field) {
        JsonNode v = value(field, false);
        if (v != null && !v.isArray()) {
            problem(field, "must be an array");
            return null;
        }
        return v;
    }
}
