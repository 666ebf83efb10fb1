package dev.orchestrator.core.domain.catalog;

import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.signals.SignalField;
import dev.orchestrator.core.domain.workflow.TemplateSteps;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The value rules of catalog data, each written once: lengths, ranges, formats, and the rules that
 * tie fields of one row together. {@link CatalogReader} applies them field by field as it reads
 * JSON (so one pass reports every problem); {@link #check} applies them to a whole entry built in
 * code (the synthetic data generator, an embedding application). The limits match the schema's
 * column sizes and CHECK constraints.
 */
public final class CatalogRules {

    public static final int NAME_MAX = 200;
    public static final int EMAIL_MAX = 320;
    public static final int DESCRIPTION_MAX = 100_000;
    public static final int SKIP_REASON_MAX = 500;
    /** NUMERIC(14, 2): an ARR below 10^12. */
    public static final int ARR_PRECISION = 14;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private CatalogRules() {
    }

    /** {@code field} below {@code path} ({@code customers[3].name}); just {@code field} at the top of a body. */
    static String at(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    // ---- one field -------------------------------------------------------------------------

    /** A required name: not blank, at most {@value #NAME_MAX} characters, storable. */
    static void name(String value, String field, Problems problems) {
        text(value, field, true, NAME_MAX, problems);
    }

    static void text(String value, String field, boolean required, int max, Problems problems) {
        if (value == null) {
            return;
        }
        if (required && value.isBlank()) {
            problems.add(field, "must not be blank");
        } else if (value.length() > max) {
            problems.add(field, "must be at most " + max + " characters (has " + value.length() + ")");
        } else {
            Text.check(value, field, problems);
        }
    }

    static void email(String value, String field, Problems problems) {
        if (value == null) {
            return;
        }
        text(value, field, true, EMAIL_MAX, problems);
        if (!EMAIL.matcher(value).matches()) {
            problems.add(field, "must be an email address");
        }
    }

    /** The value as stored (two decimal places), or null with a problem. */
    static BigDecimal arr(BigDecimal value, String field, Problems problems) {
        if (value == null) {
            return null;
        }
        BigDecimal stored = value.setScale(2, RoundingMode.HALF_UP);
        if (stored.signum() < 0) {
            problems.add(field, "must be at least 0");
            return null;
        }
        if (stored.precision() > ARR_PRECISION) {
            problems.add(field, "must be less than " + BigDecimal.TEN.pow(ARR_PRECISION - 2).toPlainString() + " in size");
            return null;
        }
        return stored;
    }

    /** The value as stored, or null with a problem. */
    static BigDecimal signal(SignalField signal, BigDecimal value, String field, Problems problems) {
        if (value == null) {
            return null;
        }
        var problem = signal.range().problem(value);
        if (problem.isPresent()) {
            problems.add(field, problem.get());
            return null;
        }
        return signal.range().normalize(value);
    }

    static void triggerConditions(WorkflowDefinition definition, String field, int maxScore, Problems problems) {
        for (Map.Entry<String, String> p : definition.triggerConditions().problems(maxScore)) {
            problems.add(at(field, p.getKey()), p.getValue());
        }
        Text.checkJson(definition.triggerConditions().json().values(), field, problems);
    }

    // ---- whole entries ---------------------------------------------------------------------

    public static void check(OrganizationEntry o, String path, Problems problems) {
        name(o.name(), at(path, "name"), problems);
    }

    public static void check(Profile p, String path, Problems problems) {
        email(p.email(), at(path, "email"), problems);
        name(p.fullName(), at(path, "full_name"), problems);
        if (p.managerId() != null && p.managerId().equals(p.id())) {
            problems.add(at(path, "manager_id"), "must not be the profile itself");
        }
    }

    public static void check(CustomerEntry c, String path, Problems problems) {
        name(c.name(), at(path, "name"), problems);
        arr(c.arr(), at(path, "arr"), problems);
        if (c.properties() != null) {
            c.properties().values().forEach((signal, value) ->
                    signal(signal, value, at(path, "properties." + signal.columnName()), problems));
        }
        if (c.contacts() != null) {
            for (int i = 0; i < c.contacts().size(); i++) {
                check(c.contacts().get(i), at(path, "contacts[" + i + "]"), problems);
            }
        }
    }

    static void check(ContactEntry k, String path, Problems problems) {
        name(k.name(), at(path, "name"), problems);
        email(k.email(), at(path, "email"), problems);
        text(k.title(), at(path, "title"), false, NAME_MAX, problems);
    }

    public static void check(WorkflowDefinition d, String path, int maxScore, Problems problems) {
        name(d.name(), at(path, "name"), problems);
        text(d.description(), at(path, "description"), false, DESCRIPTION_MAX, problems);
        triggerConditions(d, at(path, "trigger_conditions"), maxScore, problems);
        templateSteps(d, at(path, "steps"), maxScore, problems);
    }

    /**
     * The template steps, checked as their wire form is (so that steps built by code meet the rules
     * of steps read from a body or a file), and storable.
     */
    static void templateSteps(WorkflowDefinition definition, String field, int maxScore, Problems problems) {
        List<Object> json = TemplateSteps.toJson(definition.steps());
        for (Map.Entry<String, String> p : TemplateSteps.read(json, field, maxScore).problems()) {
            problems.add(p.getKey(), p.getValue());
        }
        Text.checkJson(json, field, problems);
    }

    public static void check(ExecutionEntry e, String path, Problems problems) {
        lifecycleFields(e.status(), e.snoozeUntil() != null, e.skipReason() != null && !e.skipReason().isBlank(),
                e.skipReason(), path, problems);
        Text.checkJson(e.executionData().values(), at(path, "execution_data"), problems);
    }

    /**
     * What a status needs: a snoozed execution its wake-up time, a skipped one its reason. The
     * {@code has...} flags say whether the data gives them at all (a value with a problem of its own
     * still counts as given, so that it is not reported twice).
     */
    static void lifecycleFields(ExecutionStatus status, boolean hasSnoozeUntil, boolean hasSkipReason,
            String skipReason, String path, Problems problems) {
        text(skipReason, at(path, "skip_reason"), false, SKIP_REASON_MAX, problems);
        if (status == ExecutionStatus.SNOOZED && !hasSnoozeUntil) {
            problems.add(at(path, "snooze_until"), "is required when status is snoozed");
        }
        if (status == ExecutionStatus.SKIPPED && !hasSkipReason) {
            problems.add(at(path, "skip_reason"), "is required when status is skipped");
        }
    }
}
