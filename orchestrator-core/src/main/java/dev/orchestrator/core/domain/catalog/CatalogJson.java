package dev.orchestrator.core.domain.catalog;

import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.dependency.Dependency;
import dev.orchestrator.core.domain.signals.SignalField;
import dev.orchestrator.core.domain.workflow.TemplateSteps;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Catalog entries as JSON values, with exactly the field names {@link CatalogReader} reads: what
 * the API answers, and what a merge patch (PATCH) is applied to before the result is read again.
 * Reading what this writes gives the same entry back.
 */
public final class CatalogJson {

    private CatalogJson() {
    }

    public static Map<String, Object> definition(WorkflowDefinition d) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", d.id().toString());
        json.put("organization_id", d.organizationId().toString());
        json.put("name", d.name());
        json.put("workflow_type", d.type().wireName());
        json.put("description", d.description());
        json.put("priority_weight", d.priorityWeight());
        json.put("trigger_conditions", d.triggerConditions().json().values());
        json.put("is_active", d.active());
        json.put("is_demo", d.demo());
        json.put("steps", TemplateSteps.toJson(d.steps()));
        List<Map<String, Object>> dependsOn = new ArrayList<>();
        for (Dependency dependency : d.dependsOn()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("definition_id", dependency.prerequisite().toString());
            item.put("completed_within_days", dependency.completedWithinDays());
            item.put("while_open", dependency.whileOpen().wireName());
            dependsOn.add(item);
        }
        json.put("depends_on", dependsOn);
        return json;
    }

    public static Map<String, Object> customer(CustomerEntry c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", c.id().toString());
        json.put("organization_id", c.organizationId().toString());
        json.put("name", c.name());
        json.put("csm_id", c.csmId() == null ? null : c.csmId().toString());
        json.put("arr", c.arr());
        json.put("renewal_date", c.renewalDate() == null ? null : c.renewalDate().toString());
        json.put("annual_review_date", c.annualReviewDate() == null ? null : c.annualReviewDate().toString());
        json.put("properties", c.properties() == null ? null : signals(c.properties()));
        if (c.contacts() != null) {
            List<Map<String, Object>> contacts = new ArrayList<>();
            for (ContactEntry k : c.contacts()) {
                Map<String, Object> contact = new LinkedHashMap<>();
                contact.put("name", k.name());
                contact.put("email", k.email());
                contact.put("title", k.title());
                contact.put("relationship_strength", k.strength() == null ? null : k.strength().wireName());
                contact.put("is_decision_maker", k.decisionMaker());
                contacts.add(contact);
            }
            json.put("contacts", contacts);
        } else {
            json.put("contacts", null);
        }
        return json;
    }

    /** Every signal field, null where unknown. */
    public static Map<String, Object> signals(SignalValues values) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (SignalField field : SignalField.values()) {
            json.put(field.columnName(), values.valueOf(field));
        }
        return json;
    }

    public static Map<String, Object> profile(Profile p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", p.id().toString());
        json.put("organization_id", p.organizationId().toString());
        json.put("email", p.email());
        json.put("full_name", p.fullName());
        json.put("role", p.role().wireName());
        json.put("manager_id", p.managerId() == null ? null : p.managerId().toString());
        json.put("capacity", p.capacity().isPresent() ? p.capacity().getAsInt() : null);
        return json;
    }

    /** {@code json} without the fields the caller may not set in a body (they come from the URL and the caller). */
    public static Map<String, Object> withoutIdentity(Map<String, Object> json) {
        Map<String, Object> body = new LinkedHashMap<>(json);
        body.remove("id");
        body.remove("organization_id");
        return body;
    }
}
