package dev.orchestrator.core.domain.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every stored string must be: free of NUL characters (PostgreSQL cannot store them, and
 * they truncate strings in C-based tools) and of unpaired UTF-16 surrogates (they cannot be
 * encoded as UTF-8, so a store would replace them with {@code ?} or fail). One rule for every
 * field of every input path: HTTP bodies, import files, the embedded API.
 */
public final class Text {

    private Text() {
    }

    /** Why {@code value} cannot be stored, if it cannot. */
    public static Optional<String> problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return Optional.of("must not contain NUL characters (U+0000, at index " + i + ")");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of(unpaired(c, i));
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of(unpaired(c, i));
            }
        }
        return Optional.empty();
    }

    private static String unpaired(char c, int index) {
        return String.format("must not contain an unpaired surrogate (U+%04X at index %d): it is not valid Unicode",
                (int) c, index);
    }

    /** Checks {@code value}, adding a problem at {@code field} if it cannot be stored; true when it can. */
    public static boolean check(String value, String field, Problems problems) {
        Optional<String> problem = problem(value);
        problem.ifPresent(reason -> problems.add(field, reason));
        return problem.isEmpty();
    }

    /**
     * Checks every string inside a JSON value (object keys included), naming each offending one by
     * its path below {@code field} ({@code execution_data.notes[2]}).
     */
    public static void checkJson(Object value, String field, Problems problems) {
        if (value instanceof String s) {
            check(s, field, problems);
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> {
                String name = String.valueOf(key);
                if (problem(name).isPresent()) {
                    problems.add(field, "has a key that " + problem(name).get());
                    return;
                }
                checkJson(element, field + "." + name, problems);
            });
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checkJson(list.get(i), field + "[" + i + "]", problems);
            }
        }
    }
}
