package dev.orchestrator.core.domain.reasons;

import dev.orchestrator.core.domain.catalog.Problems;
import dev.orchestrator.core.domain.catalog.Text;
import dev.orchestrator.core.domain.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An organization's reason codes, and the rules for them: the one default set, the reserved
 * {@value #OTHER}, what a catalog written by an admin must look like, and whether a code may be used
 * for a skip or a snooze.
 *
 * <p>An organization that never wrote its catalog has {@link #DEFAULTS}: stores keep no rows for it
 * (so that every way of creating an organization gets the defaults without seeding them, and the set
 * is written down here only). Writing a catalog replaces it whole.
 */
public record ReasonCatalog(List<ReasonCode> codes) {

    /** The code of a prototype-style skip ({@code {"reason": "..."}}): always present, active, a skip reason. */
    public static final String OTHER = "other";
    public static final int MAX_CODE_LENGTH = 40;
    public static final int MAX_LABEL_LENGTH = 100;
    public static final int MAX_CODES = 100;
    /** A note on a skip or a snooze; the same bound as the prototype's skip reason. */
    public static final int MAX_NOTE_LENGTH = 500;
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0," + (MAX_CODE_LENGTH - 1) + "}");
    private static final List<String> ITEM_FIELDS = List.of("code", "kind", "label", "active");

    // Before DEFAULTS: the constructor sorts with it.
    private static final Comparator<ReasonCode> ORDER = Comparator.comparing(ReasonCode::kind)
            .thenComparing(ReasonCode::label).thenComparing(ReasonCode::code);

    private static final ReasonCode OTHER_CODE = new ReasonCode(OTHER, ReasonKind.SKIP, "Other", true);

    /** The catalog of an organization that has not written its own. */
    public static final ReasonCatalog DEFAULTS = new ReasonCatalog(List.of(
            new ReasonCode("not_relevant", ReasonKind.SKIP, "Not relevant", true),
            new ReasonCode("already_handled", ReasonKind.SKIP, "Already handled", true),
            new ReasonCode("duplicate", ReasonKind.SKIP, "Duplicate", true),
            new ReasonCode("condition_cleared", ReasonKind.SKIP, "Condition cleared", true),
            OTHER_CODE,
            new ReasonCode("waiting_on_customer", ReasonKind.SNOOZE, "Waiting on customer", true),
            new ReasonCode("customer_unresponsive", ReasonKind.SNOOZE, "Customer unresponsive", true),
            new ReasonCode("planned_later", ReasonKind.SNOOZE, "Planned for later", true)));

    /** Sorted by kind, then label (then code, so that the order is total). */
    public ReasonCatalog {
        codes = codes.stream().sorted(ORDER).toList();
    }

    /** The catalog a store's rows mean: none stored is the default set. */
    public static ReasonCatalog ofStored(List<ReasonCode> stored) {
        return stored.isEmpty() ? DEFAULTS : new ReasonCatalog(stored);
    }

    public Optional<ReasonCode> find(String code) {
        return codes.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** Why {@code code} may not explain a {@code kind}, if it may not: unknown, inactive, or of the other kind. */
    public Optional<String> refusal(String code, ReasonKind kind) {
        Optional<ReasonCode> found = find(code);
        if (found.isEmpty()) {
            return Optional.of("is not a reason code of this organization (GET /api/orchestrator/reasons lists them)");
        }
        if (!found.get().active()) {
            return Optional.of("'" + code + "' is no longer active");
        }
        if (found.get().kind() != kind) {
            return Optional.of("'" + code + "' is a " + found.get().kind().wireName() + " reason, not a "
                    + kind.wireName() + " reason");
        }
        return Optional.empty();
    }

    /**
     * The catalog an admin's body {@code {"items": [{code, kind, label, active?}, ...]}} asks for, or
     * empty with {@code problems} naming each wrong field ({@code items[2].code}). {@value #OTHER}
     * is added when the body leaves it out; given, it must be an active skip reason.
     */
    public static Optional<ReasonCatalog> parse(JsonObject body, Problems problems) {
        for (String field : body.values().keySet()) {
            if (!field.equals("items")) {
                problems.add(field, "is not a known field (known: items)");
            }
        }
        Object items = body.values().get("items");
        if (!(items instanceof List<?> list)) {
            problems.add("items", items == null ? "is required" : "must be an array");
            return Optional.empty();
        }
        if (list.size() > MAX_CODES) {
            problems.add("items", "must hold at most " + MAX_CODES + " reason codes");
        }
        List<ReasonCode> codes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "items[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> item)) {
                problems.add(at, "must be an object");
                continue;
            }
            Optional<ReasonCode> code = item(JsonObject.of(castKeys(item)), at, problems);
            if (code.isPresent()) {
                if (!seen.add(code.get().code())) {
                    problems.add(at + ".code", "'" + code.get().code() + "' appears more than once");
                } else {
                    codes.add(code.get());
                }
            }
        }
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        if (!seen.contains(OTHER)) {
            codes.add(OTHER_CODE);
        }
        return Optional.of(new ReasonCatalog(codes));
    }

    private static Optional<ReasonCode> item(JsonObject item, String at, Problems problems) {
        long before = problems.count();
        for (String field : item.values().keySet()) {
            if (!ITEM_FIELDS.contains(field)) {
                problems.add(at + "." + field, "is not a known field (known: " + String.join(", ", ITEM_FIELDS) + ")");
            }
        }
        String code = item.text("code").orElse(null);
        if (code == null) {
            problems.add(at + ".code", item.get("code").isEmpty() ? "is required" : "must be a string");
        } else if (!CODE.matcher(code).matches()) {
            problems.add(at + ".code", "must be 1 to " + MAX_CODE_LENGTH
                    + " characters: a lower-case letter, then lower-case letters, digits or _");
        }
        String kindText = item.text("kind").orElse(null);
        Optional<ReasonKind> kind = kindText == null ? Optional.empty() : ReasonKind.fromWireName(kindText);
        if (kind.isEmpty()) {
            problems.add(at + ".kind", item.get("kind").isEmpty() ? "is required" : "must be skip or snooze");
        }
        String label = item.text("label").map(String::trim).orElse(null);
        if (label == null) {
            problems.add(at + ".label", item.get("label").isEmpty() ? "is required" : "must be a string");
        } else if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH) {
            problems.add(at + ".label", "must be 1 to " + MAX_LABEL_LENGTH + " characters after trimming");
        } else {
            Text.check(label, at + ".label", problems);
        }
        Object activeValue = item.values().getOrDefault("active", Boolean.TRUE);
        if (!(activeValue instanceof Boolean)) {
            problems.add(at + ".active", "must be true or false");
        }
        if (problems.count() > before) {
            return Optional.empty();
        }
        boolean active = (Boolean) activeValue;
        if (code.equals(OTHER) && (kind.get() != ReasonKind.SKIP || !active)) {
            problems.add(at, "'" + OTHER + "' is reserved for the prototype's skip {reason}: it must stay an active"
                    + " skip reason (its label may change)");
            return Optional.empty();
        }
        return Optional.of(new ReasonCode(code, kind.get(), label, active));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castKeys(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }
}
