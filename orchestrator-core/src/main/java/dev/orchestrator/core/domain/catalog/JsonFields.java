package dev.orchestrator.core.domain.catalog;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the fields of one JSON object of incoming data by their JSON type: what is required, what
 * is a UUID, a date, one of a closed set. Every problem is reported as {@code path.field}; a field
 * with a problem reads as null. Value rules (lengths, ranges) are {@link CatalogRules}'.
 */
final class JsonFields {

    private static final Pattern UUID_TEXT =
            Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Map<String, Object> values;
    private final String path;
    private final Problems problems;

    /** Fields not in {@code known} are problems: data cannot set what the model does not name. */
    JsonFields(Map<String, Object> values, String path, Problems problems, List<String> known) {
        this.values = values;
        this.path = path;
        this.problems = problems;
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                problems.add(path(name), "is not a known field (known: " + String.join(", ", known) + ")");
            }
        }
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    Problems problems() {
        return problems;
    }

    void problem(String field, String reason) {
        problems.add(path(field), reason);
    }

    boolean has(String field) {
        return values.containsKey(field);
    }

    /** The value, or null when absent or JSON null (and then a problem if required). */
    private Object value(String field, boolean required) {
        Object v = values.get(field);
        if (v == null && required) {
            problem(field, "is required");
        }
        return v;
    }

    UUID uuid(String field, boolean required) {
        Object v = value(field, required);
        if (v == null) {
            return null;
        }
        if (v instanceof String s && UUID_TEXT.matcher(s.strip()).matches()) {
            return UUID.fromString(s.strip());
        }
        problem(field, "must be a UUID such as 550e8400-e29b-41d4-a716-446655440001");
        return null;
    }

    /** A string, checked for what no stored string may hold ({@link Text}); blank is a problem when required. */
    String text(String field, boolean required) {
        Object v = value(field, required);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            problem(field, "must be a string");
            return null;
        }
        if (required && s.isBlank()) {
            problem(field, "must not be blank");
            return null;
        }
        return Text.check(s, path(field), problems) ? s : null;
    }

    <E extends Enum<E>> E oneOf(String field, boolean required, E[] allowed, Function<E, String> wireName, E dflt) {
        Object v = value(field, required);
        if (v == null) {
            return dflt;
        }
        if (v instanceof String s) {
            for (E e : allowed) {
                if (wireName.apply(e).equals(s)) {
                    return e;
                }
            }
        }
        problem(field, "must be one of " + Arrays.stream(allowed).map(wireName).collect(Collectors.joining(", ")));
        return null;
    }

    /** A JSON number as a decimal (whole or not); ranges are the caller's. */
    BigDecimal number(String field, boolean required) {
        Object v = value(field, required);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && !(v instanceof Double d && (d.isNaN() || d.isInfinite()))) {
            return n instanceof BigDecimal b ? b : n instanceof BigInteger i ? new BigDecimal(i) : new BigDecimal(n.toString());
        }
        problem(field, "must be a number");
        return null;
    }

    /** A whole number within [min, max]. */
    Integer integer(String field, boolean required, long min, long max) {
        BigDecimal d = number(field, required);
        if (d == null) {
            return null;
        }
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

    LocalDate date(String field) {
        Object v = value(field, false);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            try {
                LocalDate date = LocalDate.parse(s);
                if (date.getYear() >= 1900 && date.getYear() <= 9999) {
                    return date;
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        problem(field, "must be a date (YYYY-MM-DD) between the years 1900 and 9999");
        return null;
    }

    /** An ISO-8601 timestamp with offset (2026-12-01T09:00:00Z), or a date meaning its start in UTC. */
    Instant timestamp(String field) {
        Object v = value(field, false);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            try {
                return checkedYear(OffsetDateTime.parse(s).toInstant());
            } catch (DateTimeParseException e) {
                try {
                    return checkedYear(LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException e2) {
                    // reported below
                }
            }
        }
        problem(field, "must be a timestamp such as 2026-12-01T09:00:00Z (or a date, YYYY-MM-DD)");
        return null;
    }

    private static Instant checkedYear(Instant instant) {
        int year = instant.atOffset(ZoneOffset.UTC).getYear();
        if (year < 1900 || year > 9999) {
            throw new DateTimeParseException("year out of range", instant.toString(), 0);
        }
        return instant;
    }

    boolean bool(String field, boolean dflt) {
        Object v = value(field, false);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Boolean b)) {
            problem(field, "must be true or false");
            return dflt;
        }
        return b;
    }

    /** A nested object, or null when absent (a problem if it is something else). */
    @SuppressWarnings("unchecked")
    Map<String, Object> object(String field) {
        Object v = value(field, false);
        if (v != null && !(v instanceof Map)) {
            problem(field, "must be an object");
            return null;
        }
        return (Map<String, Object>) v;
    }

    List<?> array(String field) {
        Object v = value(field, false);
        if (v != null && !(v instanceof List)) {
            problem(field, "must be an array");
            return null;
        }
        return (List<?>) v;
    }

    static Optional<UUID> uuidOrNull(Object value) {
        return value instanceof String s && UUID_TEXT.matcher(s.strip()).matches()
                ? Optional.of(UUID.fromString(s.strip())) : Optional.empty();
    }

    static List<String> names(String... names) {
        return List.of(names);
    }

    static Set<String> setOf(List<String> names) {
        return Set.copyOf(names);
    }
}
