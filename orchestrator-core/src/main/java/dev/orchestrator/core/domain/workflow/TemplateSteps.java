package dev.orchestrator.core.domain.workflow;

import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.signals.Comparison;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.signals.SignalField;
import dev.orchestrator.core.domain.signals.SignalScores;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A definition's template steps on the wire and in storage, and the two rules about them: what a
 * valid list is ({@link #read}: every problem named by its path, e.g. {@code steps[2].when.risk_score_min},
 * beside the trigger conditions' checks), and which steps a new execution gets ({@link #instantiate}).
 *
 * <p>Wire form of one step: {@code {key, title, when?, due_offset_days?, optional?}}, {@code when}
 * being {@code {opportunity_score_min?, risk_score_min?, signals?: [{field, comparison, threshold}]}}.
 * {@link #toJson} writes the canonical form (numbers as JSON numbers, absent parts left out) that
 * storage keeps and the SQL adapter reads.
 */
public final class TemplateSteps {

    public static final String KEY = "key";
    public static final String TITLE = "title";
    public static final String WHEN = "when";
    public static final String DUE_OFFSET_DAYS = "due_offset_days";
    public static final String OPTIONAL = "optional";
    public static final String SIGNALS = "signals";
    public static final String FIELD = "field";
    public static final String COMPARISON = "comparison";
    public static final String THRESHOLD = "threshold";

    /** What an instantiated step holds besides {@link #KEY}, {@link #TITLE} and {@link #OPTIONAL}. */
    public static final String DONE = "done";
    public static final String DUE_AT = "due_at";
    public static final String SELECTED_BY = "selected_by";

    /** Where a new execution's data holds its checklist. */
    public static final String CHECKLIST = "steps";

    public static final int MAX_STEPS = 30;
    public static final int MAX_TITLE = 200;
    public static final int MAX_DUE_OFFSET_DAYS = 365;
    public static final int MAX_SIGNAL_CONDITIONS = 10;
    /** Lower-case letters, digits, _ and -, starting with a letter or digit, at most 64 characters. */
    public static final Pattern KEY_PATTERN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    static final List<String> STEP_FIELDS = List.of(KEY, TITLE, WHEN, DUE_OFFSET_DAYS, OPTIONAL);
    static final List<String> WHEN_FIELDS = List.of(TriggerConditions.OPPORTUNITY_SCORE_MIN,
            TriggerConditions.RISK_SCORE_MIN, SIGNALS);
    static final List<String> SIGNAL_FIELDS = List.of(FIELD, COMPARISON, THRESHOLD);

    private TemplateSteps() {
    }

    /** The steps read from a JSON value, or the problems that kept them from being read (as (path, reason) pairs). */
    public record Reading(List<TemplateStep> steps, List<Map.Entry<String, String>> problems) {
        public Reading {
            steps = List.copyOf(steps);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Reads {@code value} (the JSON under {@code at}, usually {@code steps}; null is no steps): an array
     * of at most {@value #MAX_STEPS} step objects, keys unique, each part of the right type and range.
     * Score minimums lie within 0..{@code maxScore}, as the trigger thresholds do.
     */
    public static Reading read(Object value, String at, int maxScore) {
        List<Map.Entry<String, String>> problems = new ArrayList<>();
        if (value == null) {
            return new Reading(List.of(), problems);
        }
        if (!(value instanceof List<?> list)) {
            problems.add(Map.entry(at, "must be an array of steps"));
            return new Reading(List.of(), problems);
        }
        if (list.size() > MAX_STEPS) {
            problems.add(Map.entry(at, "must hold at most " + MAX_STEPS + " steps"));
            return new Reading(List.of(), problems);
        }
        List<TemplateStep> steps = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = at + "[" + i + "]";
            // Checked on the key as written, so that a step with other problems is not also silently a duplicate.
            if (list.get(i) instanceof Map<?, ?> raw && raw.get(KEY) instanceof String key && !keys.add(key)) {
                problems.add(Map.entry(path + "." + KEY, "is the key of another step of this definition"));
            }
            TemplateStep step = step(list.get(i), path, maxScore, problems);
            if (step != null) {
                steps.add(step);
            }
        }
        return new Reading(problems.isEmpty() ? steps : List.of(), problems);
    }

    /** What is wrong with {@code steps} (the model form, e.g. built by code), checked as their wire form is. */
    public static List<Map.Entry<String, String>> problems(List<TemplateStep> steps, String at, int maxScore) {
        return read(toJson(steps), at, maxScore).problems();
    }

    /** The canonical wire and storage form. */
    public static List<Object> toJson(List<TemplateStep> steps) {
        List<Object> json = new ArrayList<>();
        for (TemplateStep s : steps) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put(KEY, s.key());
            step.put(TITLE, s.title());
            if (s.when() != null) {
                step.put(WHEN, whenJson(s.when()));
            }
            if (s.dueOffsetDays() != null) {
                step.put(DUE_OFFSET_DAYS, s.dueOffsetDays());
            }
            if (s.optional()) {
                step.put(OPTIONAL, true);
            }
            json.add(step);
        }
        return json;
    }

    /**
     * The steps a new execution gets, in the template's order: those without a condition and those
     * whose condition holds for the customer ({@link StepCondition#holds}), each as
     * {@code {key, title, done: false, optional, due_at, selected_by}}: {@code due_at} is the start (UTC)
     * of {@code today} plus the step's offset (null without one), {@code selected_by} the values its
     * condition looked at ({@link StepCondition#selectedBy}; empty without a condition).
     */
    public static List<Map<String, Object>> instantiate(List<TemplateStep> steps, CustomerSignals customer,
            SignalScores scores, LocalDate today) {
        List<Map<String, Object>> instantiated = new ArrayList<>();
        for (TemplateStep s : steps) {
            if (s.when() != null && !s.when().holds(customer, scores)) {
                continue;
            }
            Map<String, Object> step = new LinkedHashMap<>();
            step.put(KEY, s.key());
            step.put(TITLE, s.title());
            step.put(DONE, false);
            step.put(OPTIONAL, s.optional());
            step.put(DUE_AT, s.dueOffsetDays() == null ? null : dueAt(today, s.dueOffsetDays()));
            step.put(SELECTED_BY, s.when() == null ? Map.of() : s.when().selectedBy(customer, scores));
            instantiated.add(step);
        }
        return instantiated;
    }

    /**
     * A new execution's data for {@code definition}: {@code {"steps": [...]}} ({@link #instantiate})
     * when the definition has template steps (even when none holds: the checklist is then empty),
     * empty otherwise. What every creation path stores; the SQL interpretation computes the same.
     */
    public static JsonObject executionData(WorkflowDefinition definition, CustomerSignals customer, SignalScores scores,
            LocalDate today) {
        if (definition.steps().isEmpty()) {
            return JsonObject.EMPTY;
        }
        return new JsonObject(Map.of(CHECKLIST, instantiate(definition.steps(), customer, scores, today)));
    }

    /** {@code today + days} at the start of its UTC day, as the ISO instant a step's {@code due_at} holds. */
    public static String dueAt(LocalDate today, int days) {
        return today.plusDays(days).atStartOfDay().toInstant(ZoneOffset.UTC).toString();
    }

    /** A comparison's wire name (the policy documents' name: {@code greater_than}, {@code at_least}, ...). */
    public static String wireName(Comparison comparison) {
        return comparison.name().toLowerCase(Locale.ROOT);
    }

    // ---- reading --------------------------------------------------------------------------

    private static TemplateStep step(Object value, String path, int maxScore, List<Map.Entry<String, String>> problems) {
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(Map.entry(path, "must be an object {" + String.join(", ", STEP_FIELDS) + "}"));
            return null;
        }
        int before = problems.size();
        unknown(map, STEP_FIELDS, path, "a step", problems);
        String key = map.get(KEY) instanceof String k ? k : null;
        if (key == null) {
            problems.add(Map.entry(path + "." + KEY, map.containsKey(KEY) ? "must be a string" : "is required"));
        } else if (!KEY_PATTERN.matcher(key).matches()) {
            problems.add(Map.entry(path + "." + KEY,
                    "must be 1 to 64 lower-case letters, digits, _ or -, starting with a letter or digit"));
        }
        String title = map.get(TITLE) instanceof String t ? t.strip() : null;
        if (title == null) {
            problems.add(Map.entry(path + "." + TITLE, map.containsKey(TITLE) ? "must be a string" : "is required"));
        } else if (title.isEmpty() || title.length() > MAX_TITLE) {
            problems.add(Map.entry(path + "." + TITLE, "must be 1 to " + MAX_TITLE + " characters"));
        }
        StepCondition when = map.get(WHEN) == null ? null : when(map.get(WHEN), path + "." + WHEN, maxScore, problems);
        Integer offset = null;
        if (map.get(DUE_OFFSET_DAYS) != null) {
            Optional<String> wrong = TriggerConditions.wholeIn(map.get(DUE_OFFSET_DAYS), 0, MAX_DUE_OFFSET_DAYS);
            wrong.ifPresent(reason -> problems.add(Map.entry(path + "." + DUE_OFFSET_DAYS, reason + " (days after the execution is created)")));
            offset = wrong.isPresent() ? null : ((Number) map.get(DUE_OFFSET_DAYS)).intValue();
        }
        boolean optional = false;
        if (map.get(OPTIONAL) != null) {
            if (map.get(OPTIONAL) instanceof Boolean b) {
                optional = b;
            } else {
                problems.add(Map.entry(path + "." + OPTIONAL, "must be true or false"));
            }
        }
        return problems.size() > before ? null : new TemplateStep(key, title, when, offset, optional);
    }

    private static StepCondition when(Object value, String path, int maxScore, List<Map.Entry<String, String>> problems) {
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(Map.entry(path, "must be an object {" + String.join(", ", WHEN_FIELDS) + "}"));
            return null;
        }
        int before = problems.size();
        unknown(map, WHEN_FIELDS, path, "a step's condition", problems);
        BigDecimal opportunity = score(map, TriggerConditions.OPPORTUNITY_SCORE_MIN, path, maxScore, problems);
        BigDecimal risk = score(map, TriggerConditions.RISK_SCORE_MIN, path, maxScore, problems);
        List<StepCondition.OnSignal> signals = new ArrayList<>();
        Object list = map.get(SIGNALS);
        if (list != null && !(list instanceof List<?>)) {
            problems.add(Map.entry(path + "." + SIGNALS, "must be an array of {" + String.join(", ", SIGNAL_FIELDS) + "}"));
        } else if (list instanceof List<?> items) {
            if (items.size() > MAX_SIGNAL_CONDITIONS) {
                problems.add(Map.entry(path + "." + SIGNALS, "must hold at most " + MAX_SIGNAL_CONDITIONS + " conditions"));
            } else {
                for (int i = 0; i < items.size(); i++) {
                    StepCondition.OnSignal s = signal(items.get(i), path + "." + SIGNALS + "[" + i + "]", problems);
                    if (s != null) {
                        signals.add(s);
                    }
                }
            }
        }
        if (problems.size() == before && opportunity == null && risk == null && signals.isEmpty()) {
            problems.add(Map.entry(path, "must name at least one of " + String.join(", ", WHEN_FIELDS)
                    + " (leave when out for a step every execution gets)"));
        }
        return problems.size() > before ? null : new StepCondition(opportunity, risk, signals);
    }

    /** A score minimum: as a trigger threshold is written (a number, or a string holding a plain decimal). */
    private static BigDecimal score(Map<?, ?> map, String name, String path, int maxScore,
            List<Map.Entry<String, String>> problems) {
        Object value = map.get(name);
        if (value == null) {
            return null;
        }
        Optional<String> wrong = TriggerConditions.threshold(value, maxScore);
        if (wrong.isPresent()) {
            problems.add(Map.entry(path + "." + name, wrong.get()));
            return null;
        }
        return canonical(value instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(((String) value).strip()));
    }

    private static StepCondition.OnSignal signal(Object value, String path, List<Map.Entry<String, String>> problems) {
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(Map.entry(path, "must be an object {" + String.join(", ", SIGNAL_FIELDS) + "}"));
            return null;
        }
        int before = problems.size();
        unknown(map, SIGNAL_FIELDS, path, "a signal condition", problems);
        Optional<SignalField> field = map.get(FIELD) instanceof String f ? SignalField.fromColumnName(f) : Optional.empty();
        if (field.isEmpty()) {
            problems.add(Map.entry(path + "." + FIELD, map.containsKey(FIELD) ? "must be one of " + Arrays.stream(SignalField.values())
                    .map(SignalField::columnName).collect(Collectors.joining(", ")) : "is required"));
        }
        Optional<Comparison> comparison = Arrays.stream(Comparison.values())
                .filter(c -> wireName(c).equals(map.get(COMPARISON))).findFirst();
        if (comparison.isEmpty()) {
            problems.add(Map.entry(path + "." + COMPARISON, map.containsKey(COMPARISON) ? "must be one of "
                    + Arrays.stream(Comparison.values()).map(TemplateSteps::wireName).collect(Collectors.joining(", "))
                    : "is required"));
        }
        BigDecimal threshold = map.get(THRESHOLD) instanceof Number n ? new BigDecimal(n.toString()) : null;
        if (threshold == null) {
            problems.add(Map.entry(path + "." + THRESHOLD, map.containsKey(THRESHOLD) ? "must be a number" : "is required"));
        } else if (field.isPresent()) {
            // A threshold the signal can never reach is a condition that never (or always) holds: a typo.
            field.get().range().problem(threshold).ifPresent(why -> problems.add(Map.entry(path + "." + THRESHOLD, why)));
        }
        return problems.size() > before ? null
                : new StepCondition.OnSignal(field.get(), comparison.get(), canonical(threshold));
    }

    private static void unknown(Map<?, ?> map, List<String> known, String path, String what,
            List<Map.Entry<String, String>> problems) {
        for (Object name : map.keySet()) {
            if (!known.contains(name)) {
                problems.add(Map.entry(path + "." + name, "is not a part of " + what + " (known: " + String.join(", ", known) + ")"));
            }
        }
    }

    private static Map<String, Object> whenJson(StepCondition when) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (when.opportunityScoreMin() != null) {
            json.put(TriggerConditions.OPPORTUNITY_SCORE_MIN, when.opportunityScoreMin());
        }
        if (when.riskScoreMin() != null) {
            json.put(TriggerConditions.RISK_SCORE_MIN, when.riskScoreMin());
        }
        if (!when.signals().isEmpty()) {
            json.put(SIGNALS, when.signals().stream().map(s -> {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put(FIELD, s.field().columnName());
                one.put(COMPARISON, wireName(s.comparison()));
                one.put(THRESHOLD, s.threshold());
                return (Object) one;
            }).toList());
        }
        return json;
    }

    /** Without trailing zeros and never in exponent form when written (40.0 → 40). */
    private static BigDecimal canonical(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
