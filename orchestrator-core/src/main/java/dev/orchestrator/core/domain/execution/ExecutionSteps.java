package dev.orchestrator.core.domain.execution;

import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.workflow.TemplateSteps;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The checklist an execution got from its definition's template ({@code execution_data.steps},
 * made by {@link TemplateSteps#instantiate}) as a CSM works through it.
 *
 * <p>A status PATCH's JSON Merge Patch replaces the array as a whole, so {@link #afterPatch} reads the
 * array sent as "these steps, ticked so": each element names a step of the execution by {@code key} and
 * says {@code done} (true or false); steps left out keep their state; the parts the template set
 * ({@code title}, {@code optional}, {@code due_at}, {@code selected_by}) may be sent back as read but not
 * changed. The stored checklist keeps the template's order. An execution without a checklist gets none
 * by a patch: the key is the template's (a value a client stored under it before checklists existed
 * stays the client's).
 */
public final class ExecutionSteps {

    public static final String STEPS = TemplateSteps.CHECKLIST;
    private static final String PATH = "execution_data." + STEPS;
    private static final List<String> FIXED = List.of(TemplateSteps.TITLE, TemplateSteps.OPTIONAL,
            TemplateSteps.DUE_AT, TemplateSteps.SELECTED_BY);
    private static final List<String> KNOWN = List.of(TemplateSteps.KEY, TemplateSteps.DONE, TemplateSteps.TITLE,
            TemplateSteps.OPTIONAL, TemplateSteps.DUE_AT, TemplateSteps.SELECTED_BY);

    private ExecutionSteps() {
    }

    /** A step still to do: its key and title. */
    public record Open(String key, String title) {
        public Open {
            Objects.requireNonNull(key, "key");
        }
    }

    /** What a patch did to the checklist: the data to store, or the first problem, named by its path. */
    public sealed interface Patched {
        record Ok(JsonObject data) implements Patched {
        }

        record Refused(String field, String reason) implements Patched {
        }
    }

    /**
     * The execution data after a patch, {@code merged} being {@code before} with the patch merged in:
     * {@code merged} itself, with its checklist normalized, when the patch keeps the checklist's shape.
     */
    public static Patched afterPatch(JsonObject before, JsonObject merged) {
        Optional<List<Map<String, Object>>> stored = checklist(before);
        Object sent = merged.values().get(STEPS);
        if (stored.isEmpty()) {
            // A client's own value from before checklists existed stays the client's; none may be added.
            return before.values().containsKey(STEPS) || sent == null ? new Patched.Ok(merged)
                    : new Patched.Refused(PATH, "is the checklist of the definition's template steps, and this"
                            + " execution has none");
        }
        if (sent == null) {
            return new Patched.Refused(PATH, "cannot be removed: it is the checklist of the definition's template");
        }
        if (!(sent instanceof List<?> items)) {
            return new Patched.Refused(PATH, "must be an array of steps, each {key, done}");
        }
        Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
        stored.get().forEach(step -> byKey.put((String) step.get(TemplateSteps.KEY), step));
        Map<String, Boolean> ticks = new LinkedHashMap<>();
        Set<String> named = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String at = PATH + "[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> item)) {
                return new Patched.Refused(at, "must be an object {key, done}");
            }
            for (Object member : item.keySet()) {
                if (!KNOWN.contains(member)) {
                    return new Patched.Refused(at + "." + member, "is not a part of a step (known: "
                            + String.join(", ", KNOWN) + ")");
                }
            }
            Object key = item.get(TemplateSteps.KEY);
            if (!(key instanceof String k) || !byKey.containsKey(k)) {
                return new Patched.Refused(at + "." + TemplateSteps.KEY, "must be the key of a step of this execution"
                        + " (its steps: " + String.join(", ", byKey.keySet()) + ")");
            }
            if (!named.add(k)) {
                return new Patched.Refused(at + "." + TemplateSteps.KEY, "names step " + k + " twice");
            }
            if (!(item.get(TemplateSteps.DONE) instanceof Boolean done)) {
                return new Patched.Refused(at + "." + TemplateSteps.DONE, "must be true or false");
            }
            for (String fixed : FIXED) {
                if (item.containsKey(fixed) && !sameJson(item.get(fixed), byKey.get(k).get(fixed))) {
                    return new Patched.Refused(at + "." + fixed, "is set by the definition's template and cannot be"
                            + " changed (send key and done)");
                }
            }
            ticks.put(k, done);
        }
        List<Object> next = new ArrayList<>();
        for (Map<String, Object> step : stored.get()) {
            Map<String, Object> copy = new LinkedHashMap<>(step);
            Boolean done = ticks.get((String) step.get(TemplateSteps.KEY));
            if (done != null) {
                copy.put(TemplateSteps.DONE, done);
            }
            next.add(copy);
        }
        Map<String, Object> data = new LinkedHashMap<>(merged.values());
        data.put(STEPS, next);
        return new Patched.Ok(new JsonObject(data));
    }

    /** The required steps of {@code data}'s checklist not done yet, in order; none without a checklist. */
    public static List<Open> openRequired(JsonObject data) {
        return checklist(data).orElse(List.of()).stream()
                .filter(step -> !Boolean.TRUE.equals(step.get(TemplateSteps.DONE)))
                .filter(step -> !Boolean.TRUE.equals(step.get(TemplateSteps.OPTIONAL)))
                .map(step -> new Open((String) step.get(TemplateSteps.KEY),
                        step.get(TemplateSteps.TITLE) instanceof String t ? t : null))
                .toList();
    }

    /**
     * The checklist in {@code data}, when {@code steps} is one: an array of objects each with a string
     * key (what {@link TemplateSteps#instantiate} makes). Anything else under the key is not a checklist.
     */
    @SuppressWarnings("unchecked")
    static Optional<List<Map<String, Object>>> checklist(JsonObject data) {
        if (!(data.values().get(STEPS) instanceof List<?> list)) {
            return Optional.empty();
        }
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map) || !(map.get(TemplateSteps.KEY) instanceof String)) {
                return Optional.empty();
            }
        }
        return Optional.of((List<Map<String, Object>>) (List<?>) list);
    }

    /** JSON equality with numbers compared by value (storage may read 7 back as 7 or 7.0). */
    private static boolean sameJson(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return x.keySet().equals(y.keySet()) && x.keySet().stream().allMatch(k -> sameJson(x.get(k), y.get(k)));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!sameJson(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }
}
