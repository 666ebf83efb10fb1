package dev.orchestrator.http;

import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.explain.Contribution;
import dev.orchestrator.core.domain.priority.PriorityScore;
import dev.orchestrator.core.domain.priority.ScoreChange;
import dev.orchestrator.core.domain.queue.QueueEntry;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire shapes of the API, built explicitly (snake_case, ISO-8601 UTC times, UUID ids) so that
 * renaming a Java field never changes the contract. openapi.json describes the same shapes.
 */
final class Representations {

    private Representations() {
    }

    /**
     * Room for every key a list item or an execution's detail adds to {@link #execution} (some 33)
     * without growing: a map of the default size was rehashed twice per item (~4 % of a list page's
     * heap allocation, docs/performance.md).
     */
    private static final int ITEM_CAPACITY = 64;

    static Map<String, Object> execution(WorkflowExecution e) {
        Map<String, Object> json = new LinkedHashMap<>(ITEM_CAPACITY);
        json.put("id", e.id().toString());
        json.put("organization_id", e.organizationId().toString());
        json.put("workflow_definition_id", e.definitionId().toString());
        json.put("customer_id", e.customerId().toString());
        json.put("assigned_csm_id", e.assignedCsmId().toString());
        json.put("escalation_user_id", e.escalationUserId() == null ? null : e.escalationUserId().toString());
        json.put("status", e.status().wireName());
        json.put("snooze_until", time(e.snoozeUntil()));
        json.put("snooze_days", e.snoozeDays());
        json.put("snoozed_at", time(e.snoozedAt()));
        json.put("priority_score", e.priorityScore());
        json.put("started_at", time(e.startedAt()));
        json.put("completed_at", time(e.completedAt()));
        json.put("skipped_at", time(e.skippedAt()));
        json.put("skip_reason", e.skipReason());
        json.put("due_at", time(e.dueAt()));
        json.put("execution_data", e.executionData().values());
        json.put("is_demo", e.demo());
        json.put("version", e.version());
        json.put("created_at", time(e.createdAt()));
        json.put("updated_at", time(e.updatedAt()));
        return json;
    }

    /** An execution as the queue shows it: its fields, its explained priority, its definition and customer. */
    static Map<String, Object> queueItem(QueueEntry entry, PriorityScore priority) {
        Map<String, Object> json = execution(entry.execution());
        json.put("priority_label", priority.label().displayName());
        json.put("priority_explanation", explanation(priority.explanation()));
        json.put("priority_policy_version", priority.policyVersion());
        json.put("score_change", scoreChange(entry.scoreChange(), priority));
        json.put("workflow_definition", definition(entry.definition()));
        json.put("customer", customer(entry.customer()));
        return json;
    }

    /**
     * "Why did it move?": the score before the latest re-scoring changed it and the rules whose points
     * moved (empty when the earlier parts are not known); null when it did not move.
     */
    static Map<String, Object> scoreChange(ScoreChange change, PriorityScore now) {
        if (change == null || change.visibleAgainst(now).isEmpty()) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("previous_score", change.previousScore());
        json.put("changed_on", change.changedOn().toString());
        json.put("parts_known", change.partsKnown());
        json.put("changes", change.changesTo(now).stream().map(c -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("rule", c.rule());
            line.put("points_before", c.pointsBefore());
            line.put("points_after", c.pointsAfter());
            return line;
        }).toList());
        return json;
    }

    static List<Map<String, Object>> explanation(List<Contribution> contributions) {
        return contributions.stream().map(c -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("rule", c.rule());
            json.put("points", c.points());
            json.put("detail", c.detail());
            return json;
        }).toList();
    }

    static Map<String, Object> definition(WorkflowDefinition d) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", d.id().toString());
        json.put("name", d.name());
        json.put("workflow_type", d.type().wireName());
        json.put("priority_weight", d.priorityWeight());
        json.put("trigger_conditions", d.triggerConditions().json().values());
        return json;
    }

    static Map<String, Object> customer(Customer c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", c.id().toString());
        json.put("name", c.name());
        return json;
    }

    /**
     * What blocks an execution, one object per blocking dependency: the prerequisite (id and name), the
     * customer's open execution of it (null when a window wants a completion instead), the window, and why.
     */
    static List<Map<String, Object>> blockedBy(List<dev.orchestrator.core.domain.dependency.BlockedBy> blockedBy) {
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (var b : blockedBy) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("prerequisite_id", b.blocker().prerequisite().toString());
            json.put("prerequisite_name", b.prerequisiteName());
            json.put("blocking_execution_id", b.blocker().blockingExecution() == null ? null
                    : b.blocker().blockingExecution().toString());
            json.put("completed_within_days", b.blocker().completedWithinDays());
            json.put("reason", b.blocker().open() ? "open" : "not_completed_recently");
            items.add(json);
        }
        return items;
    }

    static String time(Instant instant) {
        return instant == null ? null : IsoInstants.text(instant);
    }
}
