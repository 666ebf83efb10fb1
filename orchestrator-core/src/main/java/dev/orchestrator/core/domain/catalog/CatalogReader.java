package dev.orchestrator.core.domain.catalog;

import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.customer.RelationshipStrength;
import dev.orchestrator.core.domain.dependency.Dependency;
import dev.orchestrator.core.domain.dependency.WhileOpen;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.signals.SignalField;
import dev.orchestrator.core.domain.workflow.TemplateSteps;
import dev.orchestrator.core.domain.workflow.TriggerConditions;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.core.domain.workload.Capacity;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Turns one JSON object of incoming catalog data (an import file's row, an HTTP body) into the
 * core's entry, checking every field: its JSON type, then {@link CatalogRules}. Returns null when
 * the object has a problem; the problems are in the {@link Problems} given, each named by its path.
 * The one reader of catalog data, whatever the way in.
 */
public final class CatalogReader {

    public static final List<String> ORGANIZATION_FIELDS = List.of("id", "name");
    public static final List<String> PROFILE_FIELDS = List.of("id", "organization_id", "email", "full_name", "role",
            "manager_id", "capacity");
    public static final List<String> CUSTOMER_FIELDS = List.of("id", "organization_id", "name", "csm_id", "arr",
            "renewal_date", "annual_review_date", "properties", "contacts");
    public static final List<String> PROPERTY_FIELDS =
            Arrays.stream(SignalField.values()).map(SignalField::columnName).toList();
    public static final List<String> CONTACT_FIELDS = List.of("name", "email", "title", "relationship_strength",
            "is_decision_maker");
    public static final List<String> DEFINITION_FIELDS = List.of("id", "organization_id", "name", "workflow_type",
            "description", "priority_weight", "trigger_conditions", "is_active", "is_demo", "steps", "depends_on");
    public static final List<String> DEPENDENCY_FIELDS = List.of("definition_id", "completed_within_days", "while_open");
    public static final List<String> EXECUTION_FIELDS = List.of("id", "organization_id", "workflow_definition_id",
            "customer_id", "assigned_csm_id", "status", "snooze_until", "skip_reason", "execution_data", "is_demo", "due_at");

    private final PriorityPolicy priorityPolicy;
    private final int maxSignalScore;

    /** {@code priorityPolicy} gives a definition's default weight; {@code maxSignalScore} bounds its thresholds. */
    public CatalogReader(PriorityPolicy priorityPolicy, int maxSignalScore) {
        this.priorityPolicy = priorityPolicy;
        this.maxSignalScore = maxSignalScore;
    }

    public OrganizationEntry organization(JsonObject json, String path, Problems problems) {
        long before = problems.count();
        JsonFields f = new JsonFields(json.values(), path, problems, ORGANIZATION_FIELDS);
        UUID id = f.uuid("id", true);
        String name = f.text("name", true);
        CatalogRules.name(name, f.path("name"), problems);
        return problems.count() > before ? null : new OrganizationEntry(new OrganizationId(id), name);
    }

    public Profile profile(JsonObject json, String path, Problems problems) {
        return profile(json, path, problems, null, null);
    }

    /**
     * A profile; {@code id} and {@code organization} (when not null) are given by the caller (the
     * URL and the caller's organization of {@code PUT /api/profiles/{id}}) rather than read.
     */
    public Profile profile(JsonObject json, String path, Problems problems, ProfileId id, OrganizationId organization) {
        long before = problems.count();
        List<String> known = without(PROFILE_FIELDS, id != null ? "id" : null, organization != null ? "organization_id" : null);
        JsonFields f = new JsonFields(json.values(), path, problems, known);
        UUID idValue = id != null ? id.value() : f.uuid("id", true);
        UUID org = organization != null ? organization.value() : f.uuid("organization_id", true);
        String email = f.text("email", true);
        CatalogRules.email(email, f.path("email"), problems);
        String fullName = f.text("full_name", true);
        CatalogRules.name(fullName, f.path("full_name"), problems);
        Role role = f.oneOf("role", true, Role.values(), Role::wireName, null);
        UUID manager = f.uuid("manager_id", false);
        if (manager != null && manager.equals(idValue)) {
            f.problem("manager_id", "must not be the profile itself");
        }
        java.util.OptionalInt capacity = capacity(f, json);
        return problems.count() > before ? null : new Profile(new ProfileId(idValue), new OrganizationId(org), email,
                fullName, role, manager == null ? null : new ProfileId(manager), capacity);
    }

    /** A profile's capacity: absent or null is unlimited; else a whole number within {@link Capacity}'s bounds. */
    private static java.util.OptionalInt capacity(JsonFields f, JsonObject json) {
        Object value = json.values().get("capacity");
        if (value == null) {
            return java.util.OptionalInt.empty();
        }
        Optional<Long> whole = value instanceof Number ? json.wholeNumber("capacity") : Optional.empty();
        if (whole.isEmpty()) {
            f.problem("capacity", "must be a whole number of open executions (or null: unlimited)");
            return java.util.OptionalInt.empty();
        }
        Optional<String> problem = Capacity.problem(whole.get());
        if (problem.isPresent()) {
            f.problem("capacity", problem.get());
            return java.util.OptionalInt.empty();
        }
        return java.util.OptionalInt.of(whole.get().intValue());
    }

    public CustomerEntry customer(JsonObject json, String path, Problems problems) {
        return customer(json, path, problems, null, null);
    }

    /** A customer; {@code id} and {@code organization}, when not null, come from the caller. */
    public CustomerEntry customer(JsonObject json, String path, Problems problems, CustomerId id,
            OrganizationId organization) {
        long before = problems.count();
        List<String> known = without(CUSTOMER_FIELDS, id != null ? "id" : null, organization != null ? "organization_id" : null);
        JsonFields f = new JsonFields(json.values(), path, problems, known);
        UUID idValue = id != null ? id.value() : f.uuid("id", true);
        UUID org = organization != null ? organization.value() : f.uuid("organization_id", true);
        String name = f.text("name", true);
        CatalogRules.name(name, f.path("name"), problems);
        // Optional: a customer without a CSM gets one from the assignment pool with its first execution.
        UUID csm = f.uuid("csm_id", false);
        BigDecimal arr = CatalogRules.arr(f.number("arr", false), f.path("arr"), problems);
        LocalDate renewal = f.date("renewal_date");
        LocalDate review = f.date("annual_review_date");
        Map<String, Object> properties = f.object("properties");
        SignalValues signals = properties == null ? null : signals(properties, f.path("properties"), problems, false);
        List<ContactEntry> contacts = contacts(f, problems);
        return problems.count() > before ? null : new CustomerEntry(new CustomerId(idValue), new OrganizationId(org),
                name, csm == null ? null : new ProfileId(csm), arr, renewal, review, signals, contacts);
    }

    /**
     * Signal values: every field optional, each within its {@link SignalField#range()}. As a
     * {@code patch}, a field given as null clears it; otherwise null and absent are the same.
     */
    public SignalValues signals(Map<String, Object> json, String path, Problems problems, boolean patch) {
        long before = problems.count();
        JsonFields p = new JsonFields(json, path, problems, PROPERTY_FIELDS);
        Map<SignalField, BigDecimal> values = new EnumMap<>(SignalField.class);
        for (SignalField signal : SignalField.values()) {
            String name = signal.columnName();
            BigDecimal value = CatalogRules.signal(signal, p.number(name, false), p.path(name), problems);
            if (value != null || (patch && p.has(name) && json.get(name) == null)) {
                values.put(signal, value);
            }
        }
        return problems.count() > before ? null : new SignalValues(values);
    }

    private List<ContactEntry> contacts(JsonFields f, Problems problems) {
        List<?> nodes = f.array("contacts");
        if (nodes == null) {
            return null;
        }
        List<ContactEntry> contacts = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String cpath = f.path("contacts") + "[" + i + "]";
            if (!(nodes.get(i) instanceof Map<?, ?> node)) {
                problems.add(cpath, "must be an object");
                continue;
            }
            @SuppressWarnings("unchecked")
            JsonFields c = new JsonFields((Map<String, Object>) node, cpath, problems, CONTACT_FIELDS);
            String name = c.text("name", true);
            CatalogRules.name(name, c.path("name"), problems);
            String email = c.text("email", false);
            CatalogRules.email(email, c.path("email"), problems);
            String title = c.text("title", false);
            CatalogRules.text(title, c.path("title"), false, CatalogRules.NAME_MAX, problems);
            RelationshipStrength strength = c.oneOf("relationship_strength", true, RelationshipStrength.values(),
                    RelationshipStrength::wireName, null);
            boolean decisionMaker = c.bool("is_decision_maker", false);
            if (name != null) {
                contacts.add(new ContactEntry(name, email, title, strength, decisionMaker));
            }
        }
        return contacts;
    }

    public WorkflowDefinition definition(JsonObject json, String path, Problems problems) {
        return definition(json, path, problems, null, null);
    }

    /** A definition; {@code id} and {@code organization}, when not null, come from the caller. */
    public WorkflowDefinition definition(JsonObject json, String path, Problems problems, DefinitionId id,
            OrganizationId organization) {
        long before = problems.count();
        List<String> known = without(DEFINITION_FIELDS, id != null ? "id" : null, organization != null ? "organization_id" : null);
        JsonFields f = new JsonFields(json.values(), path, problems, known);
        UUID idValue = id != null ? id.value() : f.uuid("id", true);
        UUID org = organization != null ? organization.value() : f.uuid("organization_id", true);
        String name = f.text("name", true);
        WorkflowType type = f.oneOf("workflow_type", true, WorkflowType.values(), WorkflowType::wireName, null);
        String description = f.text("description", false);
        Integer weight = f.integer("priority_weight", false, PriorityPolicy.MIN_WEIGHT, PriorityPolicy.MAX_WEIGHT);
        Map<String, Object> triggers = f.object("trigger_conditions");
        boolean active = f.bool("is_active", true);
        boolean demo = f.bool("is_demo", false);
        TemplateSteps.Reading steps = TemplateSteps.read(json.values().get("steps"), f.path("steps"), maxSignalScore);
        steps.problems().forEach(p -> problems.add(p.getKey(), p.getValue()));
        List<Dependency> dependsOn = dependencies(f, problems);
        if (problems.count() > before) {
            return null;
        }
        int resolvedWeight = weight != null ? weight : priorityPolicy.defaultWeight(type);
        WorkflowDefinition definition = new WorkflowDefinition(new DefinitionId(idValue), new OrganizationId(org), name,
                type, description, new TriggerConditions(triggers == null ? JsonObject.EMPTY : new JsonObject(triggers)),
                resolvedWeight, active, demo, steps.steps(), dependsOn);
        CatalogRules.check(definition, path, maxSignalScore, problems);
        return problems.count() > before ? null : definition;
    }

    /**
     * {@code depends_on}: an array whose items are a definition id (a string: blocked while open, created
     * at once) or an object with {@link #DEPENDENCY_FIELDS}.
     */
    private static List<Dependency> dependencies(JsonFields f, Problems problems) {
        List<?> nodes = f.array("depends_on");
        if (nodes == null) {
            return List.of();
        }
        List<Dependency> dependencies = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String dpath = f.path("depends_on") + "[" + i + "]";
            Object node = nodes.get(i);
            if (node instanceof String) {
                JsonFields d = new JsonFields(Map.of("definition_id", node), dpath, problems, DEPENDENCY_FIELDS);
                UUID id = d.uuid("definition_id", true);
                if (id != null) {
                    dependencies.add(Dependency.on(new DefinitionId(id)));
                }
                continue;
            }
            if (!(node instanceof Map<?, ?> map)) {
                problems.add(dpath, "must be a definition id or an object with definition_id");
                continue;
            }
            @SuppressWarnings("unchecked")
            JsonFields d = new JsonFields((Map<String, Object>) map, dpath, problems, DEPENDENCY_FIELDS);
            UUID id = d.uuid("definition_id", true);
            Integer days = d.integer("completed_within_days", false, Dependency.MIN_DAYS, Dependency.MAX_DAYS);
            WhileOpen whileOpen = d.oneOf("while_open", false, WhileOpen.values(), WhileOpen::wireName, WhileOpen.CREATE);
            if (id != null && whileOpen != null && (days != null || map.get("completed_within_days") == null)) {
                dependencies.add(new Dependency(new DefinitionId(id), days, whileOpen));
            }
        }
        return dependencies;
    }

    /** An execution; {@code newId} is used when the row has no id. */
    public ExecutionEntry execution(JsonObject json, String path, Problems problems, Supplier<UUID> newId) {
        long before = problems.count();
        JsonFields f = new JsonFields(json.values(), path, problems, EXECUTION_FIELDS);
        UUID id = f.uuid("id", false);
        UUID organization = f.uuid("organization_id", true);
        UUID definition = f.uuid("workflow_definition_id", true);
        UUID customer = f.uuid("customer_id", true);
        UUID csm = f.uuid("assigned_csm_id", true);
        ExecutionStatus status = f.oneOf("status", false, ExecutionStatus.values(), ExecutionStatus::wireName,
                ExecutionStatus.NOT_STARTED);
        Instant snoozeUntil = f.timestamp("snooze_until");
        String skipReason = f.text("skip_reason", false);
        Map<String, Object> data = f.object("execution_data");
        boolean demo = f.bool("is_demo", false);
        Instant dueAt = f.timestamp("due_at");
        if (status != null) {
            Map<String, Object> values = json.values();
            CatalogRules.lifecycleFields(status, values.get("snooze_until") != null,
                    values.get("skip_reason") != null && !(values.get("skip_reason") instanceof String r && r.isBlank()),
                    skipReason, path, problems);
        }
        if (data != null) {
            Text.checkJson(data, f.path("execution_data"), problems);
        }
        if (problems.count() > before) {
            return null;
        }
        return new ExecutionEntry(new ExecutionId(id != null ? id : newId.get()), new OrganizationId(organization),
                new DefinitionId(definition), new CustomerId(customer), new ProfileId(csm), status, snoozeUntil,
                skipReason, data == null ? JsonObject.EMPTY : new JsonObject(data), demo, dueAt);
    }

    /** The id and organization a row names, as far as they can be read (for a row that has problems). */
    public record Identity(UUID id, UUID organization) {
    }

    /** The id and organization of a row that has problems, if they can be read (so references to it are not reported too). */
    public static Identity identityOf(CatalogSection section, JsonObject json) {
        UUID id = uuid(json.values().get("id")).orElse(null);
        UUID organization = section == CatalogSection.ORGANIZATIONS ? id
                : uuid(json.values().get("organization_id")).orElse(null);
        return new Identity(id, organization);
    }

    /** A JSON value as a UUID, when it is a string in the canonical form. */
    public static Optional<UUID> uuid(Object value) {
        return JsonFields.uuidOrNull(value);
    }

    private static List<String> without(List<String> fields, String a, String b) {
        return fields.stream().filter(n -> !n.equals(a) && !n.equals(b)).toList();
    }
}
