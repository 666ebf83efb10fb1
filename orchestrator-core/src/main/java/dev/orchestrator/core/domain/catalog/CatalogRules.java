package dev.orchestrator.core.domain.catalog;

import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.dependency.Dependency;
import dev.orchestrator.core.domain.dependency.DependencyGraph;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.signals.SignalField;
import dev.orchestrator.core.domain.workflow.TemplateSteps;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
        dependsOn(d, at(path, "depends_on"), problems);
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

    /** The rules of one definition's {@code depends_on} on their own: not itself, each prerequisite once. */
    static void dependsOn(WorkflowDefinition d, String field, Problems problems) {
        Set<DefinitionId> seen = new HashSet<>();
        for (int i = 0; i < d.dependsOn().size(); i++) {
            DefinitionId prerequisite = d.dependsOn().get(i).prerequisite();
            String at = field + "[" + i + "].definition_id";
            if (prerequisite.equals(d.id())) {
                problems.add(at, "must not be the definition itself");
            } else if (!seen.add(prerequisite)) {
                problems.add(at, "names " + prerequisite + " a second time");
            }
        }
    }

    /**
     * The rules of a definition's {@code depends_on} against the rest of its organization
     * ({@code organization}: every stored definition, in any order; the written one, if stored, is
     * replaced): each prerequisite is a definition of the organization, and the dependencies make no
     * cycle, which is named ({@code depends_on: A → B → A}) by the definitions' names.
     */
    public static void dependsOn(WorkflowDefinition written, Collection<WorkflowDefinition> organization, String path,
            Problems problems) {
        String field = at(path, "depends_on");
        Map<DefinitionId, WorkflowDefinition> byId = new LinkedHashMap<>();
        byId.put(written.id(), written);
        for (WorkflowDefinition d : organization) {
            if (d.organizationId().equals(written.organizationId())) {
                byId.putIfAbsent(d.id(), d);
            }
        }
        boolean known = true;
        for (int i = 0; i < written.dependsOn().size(); i++) {
            DefinitionId prerequisite = written.dependsOn().get(i).prerequisite();
            if (!byId.containsKey(prerequisite)) {
                problems.add(field + "[" + i + "].definition_id",
                        "is not a workflow definition of this organization: " + prerequisite);
                known = false;
            }
        }
        if (known) {
            cycle(byId, field, problems);
        }
    }

    /** A problem naming the first cycle of {@code definitions}' dependencies (the first definition's, if it has one). */
    public static void cycle(Map<DefinitionId, WorkflowDefinition> definitions, String field, Problems problems) {
        Map<DefinitionId, List<DefinitionId>> graph = new LinkedHashMap<>();
        definitions.forEach((id, d) -> graph.put(id, d.dependsOn().stream().map(Dependency::prerequisite).toList()));
        cycle(graph, id -> definitions.containsKey(id) ? definitions.get(id).name() : id.toString(), field, problems);
    }

    /** A problem naming the first cycle of {@code graph} (definition → prerequisites), each by {@code name}. */
    public static void cycle(Map<DefinitionId, List<DefinitionId>> graph, Function<DefinitionId, String> name,
            String field, Problems problems) {
        DependencyGraph.cycle(graph).ifPresent(cycle -> problems.add(field, "would make a cycle: "
                + cycle.stream().map(name).collect(Collectors.joining(" → "))));
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
