package dev.orchestrator.core.domain.policy;

import dev.orchestrator.core.domain.catalog.Problems;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.priority.PriorityPolicy.DueProximity;
import dev.orchestrator.core.domain.priority.PriorityPolicy.LabelThresholds;
import dev.orchestrator.core.domain.priority.PriorityPolicy.SnoozeRanking;
import dev.orchestrator.core.domain.signals.Comparison;
import dev.orchestrator.core.domain.signals.SignalField;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.core.domain.signals.SignalRule;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
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
 * The policies' one wire format (JSON, snake_case), the same for the API's GET and PUT, the history,
 * the CLI's policy file and a simulation's body; see docs/priority-and-signals.md. {@link #read}
 * is the one validation: it reports every problem by its path and refuses any policy that cannot
 * be evaluated. The bounds below are what keeps every score within an int whatever the signals
 * (a weight within ±100,000 plus boosts of at most 5 x 10,000 + 10 x 10,000 + 100 + 10,000), so a
 * stored policy can always be evaluated, in Java as in SQL.
 */
public final class PolicyWire {

    public static final String PRIORITY = "priority_policy";
    public static final String SIGNALS = "signal_policy";

    static final List<String> TOP = List.of(PRIORITY, SIGNALS);
    static final List<String> PRIORITY_FIELDS = List.of("type_tiers", "revenue_impact_points_per_tier",
            "churn_risk_points_per_point", "churn_risk_types", "usage_score_divisor", "usage_types", "snooze", "labels",
            "due");
    static final List<String> SNOOZE_FIELDS = List.of("due_soon_days", "due_soon_base", "later_base");
    static final List<String> LABEL_FIELDS = List.of("critical", "high", "medium");
    static final List<String> DUE_FIELDS = List.of("within_days", "points");
    static final List<String> SIGNAL_FIELDS = List.of("opportunity_rules", "risk_rules", "max_score");
    static final List<String> THRESHOLD_FIELDS = List.of("kind", "name", "field", "comparison", "threshold", "points");
    static final List<String> VALUE_OF_FIELDS = List.of("kind", "name", "field");
    static final List<String> NO_STRONG_FIELDS = List.of("kind", "name", "points");

    public static final int MAX_POINTS = 10_000;
    public static final int MAX_DIVISOR = 100;
    public static final int MAX_DAYS = 3_650;
    public static final int MAX_SIGNAL_SCORE = 1_000;
    public static final int MAX_RULE_POINTS = 1_000;
    public static final int MAX_RULES = 50;
    private static final Pattern RULE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private PolicyWire() {
    }

    /**
     * A threshold as read: without trailing zeros (never in exponent form), so that 100, 100.0 and
     * 100.00 (as different JSON writers send them) are one and the same stored policy.
     */
    public static BigDecimal canonical(BigDecimal threshold) {
        BigDecimal stripped = threshold.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** A rule kind's wire name. */
    public static String kind(SignalRule rule) {
        if (rule instanceof SignalRule.Threshold) {
            return "threshold";
        }
        return rule instanceof SignalRule.ValueOf ? "value_of" : "no_strong_relationship";
    }

    /** A comparison's wire name. */
    public static String wireName(Comparison comparison) {
        return comparison.name().toLowerCase(Locale.ROOT);
    }

    /**
     * One stored version as the API, the CLI and the history show it: its number, author and time
     * (null for the built-in version 0), then the policies.
     */
    public static Map<String, Object> write(PolicyVersion version) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", version.version());
        json.put("author_id", version.author().map(a -> a.value().toString()).orElse(null));
        json.put("created_at", version.createdAt().map(Object::toString).orElse(null));
        json.putAll(write(version.policies()));
        return json;
    }

    public static Map<String, Object> write(Policies policies) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(PRIORITY, write(policies.priority()));
        json.put(SIGNALS, write(policies.signals()));
        return json;
    }

    public static Map<String, Object> write(PriorityPolicy p) {
        Map<String, Object> tiers = new LinkedHashMap<>();
        for (WorkflowType type : WorkflowType.values()) {
            tiers.put(type.wireName(), p.defaultWeight(type));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type_tiers", tiers);
        json.put("revenue_impact_points_per_tier", p.revenueImpactPointsPerTier());
        json.put("churn_risk_points_per_point", p.churnRiskPointsPerPoint());
        json.put("churn_risk_types", types(p.churnRiskTypes()));
        json.put("usage_score_divisor", p.usageScoreDivisor());
        json.put("usage_types", types(p.usageTypes()));
        json.put("snooze", ordered("due_soon_days", p.snooze().dueSoonDays(), "due_soon_base", p.snooze().dueSoonBase(),
                "later_base", p.snooze().laterBase()));
        json.put("labels", ordered("critical", p.labels().critical(), "high", p.labels().high(), "medium",
                p.labels().medium()));
        json.put("due", ordered("within_days", p.due().withinDays(), "points", p.due().points()));
        return json;
    }

    public static Map<String, Object> write(SignalPolicy s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("opportunity_rules", s.opportunityRules().stream().map(PolicyWire::write).toList());
        json.put("risk_rules", s.riskRules().stream().map(PolicyWire::write).toList());
        json.put("max_score", s.maxScore());
        return json;
    }

    private static Map<String, Object> write(SignalRule rule) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", kind(rule));
        json.put("name", rule.name());
        if (rule instanceof SignalRule.Threshold t) {
            json.put("field", t.field().columnName());
            json.put("comparison", wireName(t.comparison()));
            json.put("threshold", t.threshold());
            json.put("points", t.points());
        } else if (rule instanceof SignalRule.ValueOf v) {
            json.put("field", v.field().columnName());
        } else if (rule instanceof SignalRule.NoStrongRelationship n) {
            json.put("points", n.points());
        }
        return json;
    }

    /**
     * Reads a policy document: {@code priority_policy} and {@code signal_policy}, each optional (an
     * absent one is {@code base}'s). Every problem goes to {@code problems}; the result is empty
     * when there is any.
     */
    public static Optional<Policies> read(Map<?, ?> json, Policies base, Problems problems) {
        long before = problems.count();
        PolicyFields top = new PolicyFields(json, "", problems, TOP, List.of());
        PriorityPolicy priority = top.raw(PRIORITY) == null ? base.priority() : priority(top.raw(PRIORITY), problems);
        SignalPolicy signals = top.raw(SIGNALS) == null ? base.signals() : signals(top.raw(SIGNALS), problems);
        if (problems.count() > before || priority == null || signals == null) {
            return Optional.empty();
        }
        return Optional.of(new Policies(priority, signals));
    }

    private static PriorityPolicy priority(Object value, Problems problems) {
        Map<?, ?> map = PolicyFields.object(value, PRIORITY, problems);
        if (map == null) {
            return null;
        }
        long before = problems.count();
        PolicyFields f = new PolicyFields(map, PRIORITY, problems, PRIORITY_FIELDS);
        Map<WorkflowType, Integer> tiers = tiers(f);
        Integer revenue = f.integer("revenue_impact_points_per_tier", 0, MAX_POINTS);
        Integer churn = f.integer("churn_risk_points_per_point", 0, MAX_POINTS);
        Set<WorkflowType> churnTypes = types(f, "churn_risk_types");
        Integer divisor = f.integer("usage_score_divisor", 1, MAX_DIVISOR);
        Set<WorkflowType> usageTypes = types(f, "usage_types");
        SnoozeRanking snooze = snooze(f);
        LabelThresholds labels = labels(f);
        DueProximity due = due(f);
        if (problems.count() > before) {
            return null;
        }
        return new PriorityPolicy(tiers, revenue, churn, churnTypes, divisor, usageTypes, snooze, labels, due);
    }

    private static Map<WorkflowType, Integer> tiers(PolicyFields f) {
        Map<?, ?> map = f.object("type_tiers");
        if (map == null) {
            return null;
        }
        List<String> names = Arrays.stream(WorkflowType.values()).map(WorkflowType::wireName).toList();
        PolicyFields t = new PolicyFields(map, f.path("type_tiers"), f.problems(), names);
        Map<WorkflowType, Integer> tiers = new EnumMap<>(WorkflowType.class);
        for (WorkflowType type : WorkflowType.values()) {
            Integer weight = t.integer(type.wireName(), PriorityPolicy.MIN_WEIGHT, PriorityPolicy.MAX_WEIGHT);
            if (weight != null) {
                tiers.put(type, weight);
            }
        }
        return tiers;
    }

    private static Set<WorkflowType> types(PolicyFields f, String field) {
        List<?> list = f.array(field);
        if (list == null) {
            return null;
        }
        Set<WorkflowType> types = EnumSet.noneOf(WorkflowType.class);
        for (int i = 0; i < list.size(); i++) {
            Object v = list.get(i);
            Optional<WorkflowType> type = v instanceof String s ? WorkflowType.fromWireName(s) : Optional.empty();
            if (type.isEmpty()) {
                f.problems().add(f.path(field) + "[" + i + "]", "must be one of " + Arrays.stream(WorkflowType.values())
                        .map(WorkflowType::wireName).collect(Collectors.joining(", ")));
            } else if (!types.add(type.get())) {
                f.problems().add(f.path(field) + "[" + i + "]", "is listed twice");
            }
        }
        return types;
    }

    private static SnoozeRanking snooze(PolicyFields f) {
        Map<?, ?> map = f.object("snooze");
        if (map == null) {
            return null;
        }
        PolicyFields s = new PolicyFields(map, f.path("snooze"), f.problems(), SNOOZE_FIELDS);
        Integer days = s.integer("due_soon_days", 0, MAX_DAYS);
        Integer soon = s.integer("due_soon_base", PriorityPolicy.MIN_WEIGHT, PriorityPolicy.MAX_WEIGHT);
        Integer later = s.integer("later_base", PriorityPolicy.MIN_WEIGHT, PriorityPolicy.MAX_WEIGHT);
        return days == null || soon == null || later == null ? null : new SnoozeRanking(days, soon, later);
    }

    private static LabelThresholds labels(PolicyFields f) {
        Map<?, ?> map = f.object("labels");
        if (map == null) {
            return null;
        }
        PolicyFields l = new PolicyFields(map, f.path("labels"), f.problems(), LABEL_FIELDS);
        int max = 10 * PriorityPolicy.MAX_WEIGHT;
        Integer critical = l.integer("critical", -max, max);
        Integer high = l.integer("high", -max, max);
        Integer medium = l.integer("medium", -max, max);
        if (critical != null && high != null && high >= critical) {
            l.problems().add(l.path("high"), "must be below critical (" + critical + ")");
        }
        if (high != null && medium != null && medium >= high) {
            l.problems().add(l.path("medium"), "must be below high (" + high + ")");
        }
        return critical == null || high == null || medium == null ? null : new LabelThresholds(critical, high, medium);
    }

    private static DueProximity due(PolicyFields f) {
        Map<?, ?> map = f.object("due");
        if (map == null) {
            return null;
        }
        PolicyFields d = new PolicyFields(map, f.path("due"), f.problems(), DUE_FIELDS);
        Integer within = d.integer("within_days", 0, MAX_DAYS);
        Integer points = d.integer("points", 0, MAX_POINTS);
        return within == null || points == null ? null : new DueProximity(within, points);
    }

    private static SignalPolicy signals(Object value, Problems problems) {
        Map<?, ?> map = PolicyFields.object(value, SIGNALS, problems);
        if (map == null) {
            return null;
        }
        long before = problems.count();
        PolicyFields f = new PolicyFields(map, SIGNALS, problems, SIGNAL_FIELDS);
        List<SignalRule> opportunity = rules(f, "opportunity_rules");
        List<SignalRule> risk = rules(f, "risk_rules");
        Integer max = f.integer("max_score", 1, MAX_SIGNAL_SCORE);
        if (problems.count() > before) {
            return null;
        }
        return new SignalPolicy(opportunity, risk, max);
    }

    private static List<SignalRule> rules(PolicyFields f, String field) {
        List<?> list = f.array(field);
        if (list == null) {
            return null;
        }
        if (list.size() > MAX_RULES) {
            f.problems().add(f.path(field), "must hold at most " + MAX_RULES + " rules");
            return null;
        }
        List<SignalRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = f.path(field) + "[" + i + "]";
            SignalRule rule = rule(list.get(i), path, f.problems());
            if (rule != null && !names.add(rule.name())) {
                f.problems().add(path + ".name", "is the name of another rule in " + field);
            }
            rules.add(rule);
        }
        return rules;
    }

    private static SignalRule rule(Object value, String path, Problems problems) {
        Map<?, ?> map = PolicyFields.object(value, path, problems);
        if (map == null) {
            return null;
        }
        Object kind = map.get("kind");
        List<String> fields = "threshold".equals(kind) ? THRESHOLD_FIELDS : "value_of".equals(kind) ? VALUE_OF_FIELDS
                : "no_strong_relationship".equals(kind) ? NO_STRONG_FIELDS : null;
        if (fields == null) {
            problems.add(path + ".kind", kind == null ? "missing" : "must be one of threshold, value_of, no_strong_relationship");
            return null;
        }
        long before = problems.count();
        PolicyFields r = new PolicyFields(map, path, problems, fields);
        String name = r.text("name");
        if (name != null && !RULE_NAME.matcher(name).matches()) {
            problems.add(r.path("name"), "must be 1 to 63 lower-case letters, digits or _, starting with a letter");
        }
        SignalRule rule = switch ((String) kind) {
            case "threshold" -> {
                SignalField signal = signal(r, false);
                Comparison comparison = comparison(r);
                BigDecimal threshold = r.number("threshold");
                if (signal != null && threshold != null) {
                    signal.range().problem(threshold).ifPresent(why -> problems.add(r.path("threshold"), why));
                }
                Integer points = r.integer("points", -MAX_RULE_POINTS, MAX_RULE_POINTS);
                yield signal == null || comparison == null || threshold == null || points == null ? null
                        : new SignalRule.Threshold(name, signal, comparison, canonical(threshold), points);
            }
            case "value_of" -> {
                SignalField signal = signal(r, true);
                yield signal == null ? null : new SignalRule.ValueOf(name, signal);
            }
            default -> {
                Integer points = r.integer("points", -MAX_RULE_POINTS, MAX_RULE_POINTS);
                yield points == null ? null : new SignalRule.NoStrongRelationship(name, points);
            }
        };
        return problems.count() > before ? null : rule;
    }

    private static SignalField signal(PolicyFields r, boolean wholeOnly) {
        String name = r.text("field");
        if (name == null) {
            return null;
        }
        List<SignalField> allowed = Arrays.stream(SignalField.values())
                .filter(s -> !wholeOnly || s.range().wholeNumber()).toList();
        Optional<SignalField> field = SignalField.fromColumnName(name).filter(allowed::contains);
        if (field.isEmpty()) {
            r.problems().add(r.path("field"), "must be one of " + allowed.stream().map(SignalField::columnName)
                    .collect(Collectors.joining(", ")) + (wholeOnly ? " (signals with whole-number values)" : ""));
        }
        return field.orElse(null);
    }

    private static Comparison comparison(PolicyFields r) {
        String name = r.text("comparison");
        if (name == null) {
            return null;
        }
        for (Comparison c : Comparison.values()) {
            if (wireName(c).equals(name)) {
                return c;
            }
        }
        r.problems().add(r.path("comparison"), "must be one of " + Arrays.stream(Comparison.values())
                .map(PolicyWire::wireName).collect(Collectors.joining(", ")));
        return null;
    }

    private static List<String> types(Set<WorkflowType> types) {
        return types.stream().map(WorkflowType::wireName).toList();
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2, String k3, Object v3) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        if (k3 != null) {
            map.put(k3, v3);
        }
        return map;
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        return ordered(k1, v1, k2, v2, null, null);
    }
}
