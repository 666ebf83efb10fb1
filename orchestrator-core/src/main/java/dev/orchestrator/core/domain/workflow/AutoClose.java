package dev.orchestrator.core.domain.workflow;

import dev.orchestrator.core.domain.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A definition's {@code auto_close} trigger condition: close signal-created work that nobody started once
 * its trigger condition has been false by at least {@code margin} points for {@code afterRuns}
 * consecutive daily runs (the rule itself is {@code AutoCloseRule}).
 */
public record AutoClose(long margin, long afterRuns) {

    public static final String MARGIN = "margin";
    public static final String AFTER_RUNS = "after_runs";
    public static final int MAX_AFTER_RUNS = 90;

    public AutoClose {
        if (margin < 1 || afterRuns < 1) {
            throw new IllegalArgumentException("margin and after_runs must be at least 1");
        }
    }

    /**
     * The settings in a stored value: present when it is an object naming both parts as whole numbers
     * (JSON numbers, or strings holding one, as thresholds are read) of at least 1. Anything else is
     * "off"; the SQL adapter reads it the same way.
     */
    static Optional<AutoClose> read(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return Optional.empty();
        }
        JsonObject parts = JsonObject.of(stringKeyed(map));
        Optional<Long> margin = parts.wholeNumber(MARGIN).filter(n -> n >= 1);
        Optional<Long> afterRuns = parts.wholeNumber(AFTER_RUNS).filter(n -> n >= 1);
        return margin.isPresent() && afterRuns.isPresent()
                ? Optional.of(new AutoClose(margin.get(), afterRuns.get())) : Optional.empty();
    }

    /** What is wrong with a value written under {@code auto_close}, as (path, reason) pairs. */
    static List<Map.Entry<String, String>> problems(Object value, int maxScore) {
        String at = TriggerConditions.AUTO_CLOSE;
        if (!(value instanceof Map<?, ?> map)) {
            return List.of(Map.entry(at, "must be an object {" + MARGIN + ", " + AFTER_RUNS + "}"));
        }
        List<Map.Entry<String, String>> found = new ArrayList<>();
        for (Object key : map.keySet()) {
            if (!MARGIN.equals(key) && !AFTER_RUNS.equals(key)) {
                found.add(Map.entry(at + "." + key, "is not a part of auto_close (known: " + MARGIN + ", " + AFTER_RUNS + ")"));
            }
        }
        part(map, MARGIN, 1, maxScore, found);
        part(map, AFTER_RUNS, 1, MAX_AFTER_RUNS, found);
        return found;
    }

    private static void part(Map<?, ?> map, String name, long min, long max, List<Map.Entry<String, String>> found) {
        String at = TriggerConditions.AUTO_CLOSE + "." + name;
        if (!map.containsKey(name)) {
            found.add(Map.entry(at, "is required"));
            return;
        }
        TriggerConditions.wholeIn(map.get(name), min, max).ifPresent(reason -> found.add(Map.entry(at, reason)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> stringKeyed(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return Map.of();
            }
        }
        return (Map<String, ?>) map;
    }
}
