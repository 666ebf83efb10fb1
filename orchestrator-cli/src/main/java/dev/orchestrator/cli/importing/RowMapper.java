package dev.orchestrator.cli.importing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.WireNamed;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.customer.RelationshipStrength;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.persistence.load.ImportWriter.Section;
import dev.orchestrator.persistence.load.Rows;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns one JSON object of an import file into a row, checking every field against the rules of
 * the schema (and the core's defaults). Returns null when the object has a problem; the problems
 * are in {@link Problems}, each named {@code section[index].field}.
 */
final class RowMapper {

    static final Set<String> ROLES = wireNames(Role.values());
    static final Set<String> STATUSES = wireNames(ExecutionStatus.values());
    static final Set<String> STRENGTHS = wireNames(RelationshipStrength.values());
    static final Set<String> TYPES = wireNames(WorkflowType.values());

    private static final Set<String> ORGANIZATION_FIELDS = ordered("id", "name");
    private static final Set<String> PROFILE_FIELDS = ordered("id", "organization_id", "email", "full_name", "role",
            "manager_id");
    private static final Set<String> CUSTOMER_FIELDS = ordered("id", "organization_id", "name", "csm_id", "arr",
            "renewal_date", "properties", "contacts");
    private static final Set<String> PROPERTY_FIELDS = ordered("revenue_impact_tier", "churn_risk_score",
            "usage_score", "health_score", "utilization_percent", "yoy_growth_percent", "market_price_percentile",
            "adoption_rate_percent", "usage_change_percent_last_month");
    private static final Set<String> CONTACT_FIELDS = ordered("name", "email", "title", "relationship_strength",
            "is_decision_maker");
    private static final Set<String> DEFINITION_FIELDS = ordered("id", "organization_id", "name", "workflow_type",
            "description", "priority_weight", "trigger_conditions", "is_active", "is_demo");
    private static final Set<String> EXECUTION_FIELDS = ordered("id", "organization_id", "workflow_definition_id",
            "customer_id", "assigned_csm_id", "status", "snooze_until", "skip_reason", "execution_data", "is_demo");

    private static final BigDecimal ZERO = BigDecimal.ZERO;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Problems problems;
    private final PriorityPolicy policy;

    RowMapper(Problems problems, PriorityPolicy policy) {
        this.problems = problems;
        this.policy = policy;
    }

    static String path(Section section, int index) {
        return section.jsonName() + "[" + index + "]";
    }

    Rows.Organization organization(JsonNode node, int index) {
        long before = problems.count();
        Fields f = new Fields(node, path(Section.ORGANIZATIONS, index), problems, ORGANIZATION_FIELDS);
        UUID id = f.uuid("id", true);
        String name = f.text("name", true, 200);
        return problems.count() > before ? null : new Rows.Organization(index, id, name);
    }

    Rows.Profile profile(JsonNode node, int index) {
        long before = problems.count();
        Fields f = new Fields(node, path(Section.PROFILES, index), problems, PROFILE_FIELDS);
        UUID id = f.uuid("id", true);
        UUID organization = f.uuid("organization_id", true);
        String email = f.email("email", true);
        String fullName = f.text("full_name", true, 200);
        String role = f.oneOf("role", true, ROLES, null);
        UUID manager = f.uuid("manager_id", false);
        if (manager != null && manager.equals(id)) {
            f.problem("manager_id", "must not be the profile itself");
        }
        return problems.count() > before ? null
                : new Rows.Profile(index, id, organization, email, fullName, role, manager);
    }

    Rows.Customer customer(JsonNode node, int index) {
        long before = problems.count();
        Fields f = new Fields(node, path(Section.CUSTOMERS, index), problems, CUSTOMER_FIELDS);
        UUID id = f.uuid("id", true);
        UUID organization = f.uuid("organization_id", true);
        String name = f.text("name", true, 200);
        UUID csm = f.uuid("csm_id", true);
        BigDecimal arr = f.decimal("arr", ZERO, null, 14);
        LocalDate renewal = f.date("renewal_date");
        Rows.Signals signals = null;
        JsonNode properties = f.object("properties");
        if (properties != null) {
            Fields p = new Fields(properties, f.path("properties"), problems, PROPERTY_FIELDS);
            signals = new Rows.Signals(
                    p.integer("revenue_impact_tier", false, 0, 5),
                    p.integer("churn_risk_score", false, 0, 10),
                    p.integer("usage_score", false, 0, 100),
                    p.integer("health_score", false, 0, 100),
                    p.decimal("utilization_percent", ZERO, null, 7),
                    p.decimal("yoy_growth_percent", null, null, 8),
                    p.decimal("market_price_percentile", ZERO, HUNDRED, 5),
                    p.decimal("adoption_rate_percent", ZERO, HUNDRED, 5),
                    p.decimal("usage_change_percent_last_month", null, null, 7));
        }
        List<Rows.Contact> contacts = null;
        JsonNode contactNodes = f.array("contacts");
        if (contactNodes != null) {
            contacts = new ArrayList<>();
            for (int i = 0; i < contactNodes.size(); i++) {
                JsonNode c = contactNodes.get(i);
                String cpath = f.path("contacts") + "[" + i + "]";
                if (!c.isObject()) {
                    problems.add(cpath, "must be an object");
                    continue;
                }
                Fields cf = new Fields(c, cpath, problems, CONTACT_FIELDS);
                contacts.add(new Rows.Contact(null, cf.text("name", true, 200), cf.email("email", false),
                        cf.text("title", false, 200), cf.oneOf("relationship_strength", true, STRENGTHS, null),
                        cf.bool("is_decision_maker", false)));
            }
        }
        return problems.count() > before ? null
                : new Rows.Customer(index, id, organization, name, csm, arr, renewal, signals, contacts);
    }

    Rows.Definition definition(JsonNode node, int index) {
        long before = problems.count();
        Fields f = new Fields(node, path(Section.WORKFLOW_DEFINITIONS, index), problems, DEFINITION_FIELDS);
        UUID id = f.uuid("id", true);
        UUID organization = f.uuid("organization_id", true);
        String name = f.text("name", true, 200);
        String type = f.oneOf("workflow_type", true, TYPES, null);
        String description = f.text("description", false, 100_000);
        Integer weight = f.integer("priority_weight", false, Integer.MIN_VALUE, Integer.MAX_VALUE);
        JsonNode triggers = f.object("trigger_conditions");
        boolean active = f.bool("is_active", true);
        boolean demo = f.bool("is_demo", false);
        if (problems.count() > before) {
            return null;
        }
        int resolvedWeight = weight != null ? weight
                : policy.defaultWeight(WorkflowType.fromWireName(type).orElseThrow());
        return new Rows.Definition(index, id, organization, name, type, description, resolvedWeight,
                triggers == null ? null : triggers.toString(), active, demo);
    }

    /** {@code newId} is used when the execution has no id. */
    Rows.Execution execution(JsonNode node, int index, UUID newId) {
        long before = problems.count();
        Fields f = new Fields(node, path(Section.WORKFLOW_EXECUTIONS, index), problems, EXECUTION_FIELDS);
        UUID id = f.uuid("id", false);
        UUID organization = f.uuid("organization_id", true);
        UUID definition = f.uuid("workflow_definition_id", true);
        UUID customer = f.uuid("customer_id", true);
        UUID csm = f.uuid("assigned_csm_id", true);
        String status = f.oneOf("status", false, STATUSES, "not_started");
        OffsetDateTime snoozeUntil = f.timestamp("snooze_until");
        String skipReason = f.text("skip_reason", false, 500);
        JsonNode data = f.object("execution_data");
        boolean demo = f.bool("is_demo", false);
        if ("snoozed".equals(status) && snoozeUntil == null && !node.hasNonNull("snooze_until")) {
            f.problem("snooze_until", "is required when status is snoozed");
        }
        if ("skipped".equals(status) && (skipReason == null || skipReason.isBlank()) && !node.hasNonNull("skip_reason")) {
            f.problem("skip_reason", "is required when status is skipped");
        }
        if (problems.count() > before) {
            return null;
        }
        return new Rows.Execution(index, id != null ? id : newId, organization, definition, customer, csm, status,
                snoozeUntil, skipReason, data == null ? null : data.toString(), demo, 0);
    }

    private static Set<String> ordered(String... values) {
        return new LinkedHashSet<>(Arrays.asList(values));
    }

    /** A closed set's wire names, in the core enum's order (the enum is the one vocabulary; see ClosedSetChecksTest). */
    private static Set<String> wireNames(WireNamed... values) {
        return Arrays.stream(values).map(WireNamed::wireName).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
