package dev.orchestrator.core.domain.workflow;

import dev.orchestrator.core.domain.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A definition's trigger conditions: an opaque JSON object of which the core understands a few keys.
 *
 * <p>Known keys: {@value #ORDER} (position in a demo sequence), {@value #WORKFLOW_ID} (the dashboard's
 * workflow configuration), {@value #OPPORTUNITY_SCORE_MIN} and {@value #RISK_SCORE_MIN} (signal
 * thresholds), {@value #TRIGGER_TYPE} (a label), {@value #RENEWAL_WITHIN_DAYS} and
 * {@value #ANNUAL_REVIEW_WITHIN_DAYS} (date windows, {@value #MIN_WINDOW_DAYS}..{@value #MAX_WINDOW_DAYS}
 * days around the customer's renewal or annual review date), and the lifecycle rules' {@value #COOLDOWN_DAYS},
 * {@value #AUTO_CLOSE} and {@value #WAKE_ON_RISK_INCREASE}. {@link #problems} refuses any other key and
 * any value of the wrong type or range, so that a typo in a template is an error, not a rule that
 * silently never fires.
 */
public record TriggerConditions(JsonObject json) {

    public static final String ORDER = "order";
    public static final String WORKFLOW_ID = "workflow_id";
    public static final String OPPORTUNITY_SCORE_MIN = "opportunity_score_min";
    public static final String RISK_SCORE_MIN = "risk_score_min";
    public static final String TRIGGER_TYPE = "trigger_type";
    public static final String RENEWAL_WITHIN_DAYS = "renewal_within_days";
    public static final String ANNUAL_REVIEW_WITHIN_DAYS = "annual_review_within_days";

    /** The range of a date window in days: at least a day, at most a year. */
    public static final int MIN_WINDOW_DAYS = 1;
    public static final int MAX_WINDOW_DAYS = 365;

    /** Days after a completed or skipped execution during which interpretation creates no new one. */
    public static final String COOLDOWN_DAYS = "cooldown_days";
    /** {@code {margin, after_runs}}: the daily job closes signal-created work whose condition has cleared. */
    public static final String AUTO_CLOSE = "auto_close";
    /** Risk points above the score at snooze time at which the daily job wakes a snoozed execution. */
    public static final String WAKE_ON_RISK_INCREASE = "wake_on_risk_increase";

    public static final int DEFAULT_COOLDOWN_DAYS = 30;
    public static final int MAX_COOLDOWN_DAYS = 365;

    /** The keys the core understands, each with the rule for its value. */
    private static final Map<String, KeyRule> KEYS = keys();

    /** What one key's value must be; {@code maxScore} is the signal policy's score cap. */
    @FunctionalInterface
    private interface KeyRule {
        Optional<String> problem(Object value, int maxScore);
    }

    public static final TriggerConditions NONE = new TriggerConditions(JsonObject.EMPTY);

    public TriggerConditions {
        if (json == null) {
            json = JsonObject.EMPTY;
        }
    }

    public Optional<Long> order() {
        return json.wholeNumber(ORDER);
    }

    public Optional<String> workflowId() {
        return json.text(WORKFLOW_ID);
    }

    public Optional<BigDecimal> opportunityScoreMin() {
        return json.decimal(OPPORTUNITY_SCORE_MIN);
    }

    public Optional<BigDecimal> riskScoreMin() {
        return json.decimal(RISK_SCORE_MIN);
    }

    /** The renewal window in days, when named as a whole number (read like every number key). */
    public Optional<Long> renewalWithinDays() {
        return json.wholeNumber(RENEWAL_WITHIN_DAYS);
    }

    /** The annual review window in days, when named as a whole number. */
    public Optional<Long> annualReviewWithinDays() {
        return json.wholeNumber(ANNUAL_REVIEW_WITHIN_DAYS);
    }

    /**
     * Days of cooldown after a completed or skipped execution: the value when it is a whole number
     * (held to 0..{@value #MAX_COOLDOWN_DAYS}), {@value #DEFAULT_COOLDOWN_DAYS} when the key is absent
     * or not a whole number. The SQL adapter reads it the same way (proven by the translation tests).
     */
    public int cooldownDays() {
        return json.wholeNumber(COOLDOWN_DAYS).map(d -> (int) Math.max(0, Math.min(MAX_COOLDOWN_DAYS, d)))
                .orElse(DEFAULT_COOLDOWN_DAYS);
    }

    /** The auto-close settings, when both parts are named as whole numbers of at least 1; off otherwise. */
    public Optional<AutoClose> autoClose() {
        return AutoClose.read(json.values().get(AUTO_CLOSE));
    }

    /** The early-wake threshold, when it is a whole number of at least 1; off otherwise. */
    public Optional<Long> wakeOnRiskIncrease() {
        return json.wholeNumber(WAKE_ON_RISK_INCREASE).filter(n -> n >= 1);
    }

    /** The known keys, in the order they are documented. */
    public static List<String> knownKeys() {
        return List.copyOf(KEYS.keySet());
    }

    /**
     * What is wrong with these conditions, as (key, reason) pairs: unknown keys, and values of the
     * wrong type or range. Thresholds are scores, so they lie within 0..{@code maxScore}.
     */
    public List<Map.Entry<String, String>> problems(int maxScore) {
        List<Map.Entry<String, String>> found = new ArrayList<>();
        json.values().forEach((key, value) -> {
            KeyRule rule = KEYS.get(key);
            if (rule == null) {
                found.add(Map.entry(key, "is not a known trigger condition (known: " + String.join(", ", KEYS.keySet())
                        + ")"));
                return;
            }
            if (key.equals(AUTO_CLOSE)) {
                // An object: its parts are named in the problems ("auto_close.margin").
                found.addAll(AutoClose.problems(value, maxScore));
                return;
            }
            rule.problem(value, maxScore).ifPresent(reason -> found.add(Map.entry(key, reason)));
        });
        return found;
    }

    private static Map<String, KeyRule> keys() {
        Map<String, KeyRule> keys = new LinkedHashMap<>();
        keys.put(OPPORTUNITY_SCORE_MIN, TriggerConditions::threshold);
        keys.put(RISK_SCORE_MIN, TriggerConditions::threshold);
        keys.put(ORDER, (value, max) -> value instanceof Number n && isWhole(n) && new BigDecimal(n.toString()).signum() >= 0
                && new BigDecimal(n.toString()).compareTo(BigDecimal.valueOf(1_000_000)) <= 0
                ? Optional.empty() : Optional.of("must be a whole number from 0 to 1000000"));
        keys.put(WORKFLOW_ID, TriggerConditions::label);
        keys.put(TRIGGER_TYPE, TriggerConditions::label);
        keys.put(RENEWAL_WITHIN_DAYS, TriggerConditions::windowDays);
        keys.put(ANNUAL_REVIEW_WITHIN_DAYS, TriggerConditions::windowDays);
        keys.put(COOLDOWN_DAYS, (value, max) -> wholeIn(value, 0, MAX_COOLDOWN_DAYS));
        keys.put(AUTO_CLOSE, (value, max) -> Optional.empty()); // checked part by part, see problems()
        keys.put(WAKE_ON_RISK_INCREASE, (value, max) -> wholeIn(value, 1, max));
        return keys;
    }

    static Optional<String> threshold(Object value, int maxScore) {
        BigDecimal number = value instanceof Number n ? new BigDecimal(n.toString())
                : value instanceof String s && s.strip().matches(JsonObject.PLAIN_DECIMAL) ? new BigDecimal(s.strip())
                : null;
        if (number == null) {
            return Optional.of("must be a number (a score from 0 to " + maxScore + ")");
        }
        if (number.signum() < 0 || number.compareTo(BigDecimal.valueOf(maxScore)) > 0) {
            return Optional.of("must be from 0 to " + maxScore + " (scores are capped at " + maxScore + ")");
        }
        return Optional.empty();
    }

    private static Optional<String> label(Object value, int maxScore) {
        if (!(value instanceof String s)) {
            return Optional.of("must be a string");
        }
        return s.length() > 200 ? Optional.of("must be at most 200 characters") : Optional.empty();
    }

    /** A date window: a JSON whole number of days (not a string: these keys are new, so no legacy form). */
    private static Optional<String> windowDays(Object value, int maxScore) {
        if (!(value instanceof Number n) || !isWhole(n)) {
            return Optional.of("must be a whole number of days from " + MIN_WINDOW_DAYS + " to " + MAX_WINDOW_DAYS);
        }
        BigDecimal days = new BigDecimal(n.toString());
        return days.compareTo(BigDecimal.valueOf(MIN_WINDOW_DAYS)) < 0 || days.compareTo(BigDecimal.valueOf(MAX_WINDOW_DAYS)) > 0
                ? Optional.of("must be from " + MIN_WINDOW_DAYS + " to " + MAX_WINDOW_DAYS + " days")
                : Optional.empty();
    }

    /** A whole JSON number from {@code min} to {@code max} (strings are refused: these are counts, not scores). */
    static Optional<String> wholeIn(Object value, long min, long max) {
        boolean ok = value instanceof Number n && isWhole(n) && new BigDecimal(n.toString()).compareTo(BigDecimal.valueOf(min)) >= 0
                && new BigDecimal(n.toString()).compareTo(BigDecimal.valueOf(max)) <= 0;
        return ok ? Optional.empty() : Optional.of("must be a whole number from " + min + " to " + max);
    }

    private static boolean isWhole(Number n) {
        return new BigDecimal(n.toString()).stripTrailingZeros().scale() <= 0;
    }
}
