package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.ViewExecutions;
import dev.orchestrator.core.domain.escalation.Escalation;
import dev.orchestrator.core.domain.escalation.EscalationView;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.lifecycle.ExecutionEvent;
import dev.orchestrator.core.domain.views.ExecutionView;
import dev.orchestrator.core.domain.views.HistoryEntry;
import dev.orchestrator.core.domain.views.Person;
import java.util.LinkedHashMap;
import java.util.Map;

/** The wire shapes of the work views (openapi.json: ExecutionListItem, ExecutionDetail, ExecutionEvent). */
final class ViewRepresentations {

    private ViewRepresentations() {
    }

    /** A queue item, with its due date and the people it names. */
    static Map<String, Object> listItem(ViewExecutions.ListItem item) {
        Map<String, Object> json = Representations.queueItem(item.view().entry(), item.priority());
        people(json, item.view());
        json.put("escalation", escalation(item.escalation()));
        return json;
    }

    /** A list item, with when it was last escalated. */
    static Map<String, Object> detail(ViewExecutions.Detail detail) {
        Map<String, Object> json = Representations.queueItem(detail.view().entry(), detail.priority());
        people(json, detail.view());
        json.put("escalated_at", Representations.time(detail.view().escalatedAt()));
        json.put("escalation", escalation(detail.escalation()));
        json.put("blocked_by", Representations.blockedBy(detail.blockedBy()));
        return json;
    }

    private static void people(Map<String, Object> json, ExecutionView view) {
        json.put("due_at", Representations.time(view.dueAt()));
        json.put("reason_code", view.entry().execution().reasonCode());
        json.put("assigned_csm", person(view.assignedCsm()));
        json.put("escalation_user", person(view.escalationUser()));
    }

    /** The escalation loop, with its acknowledgement target judged now; null when never escalated. */
    static Map<String, Object> escalation(EscalationView view) {
        if (view == null) {
            return null;
        }
        Escalation e = view.escalation();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("state", e.state().wireName());
        json.put("to", person(view.to()));
        json.put("by", id(e.by()));
        json.put("at", Representations.time(e.at()));
        json.put("acknowledged_at", Representations.time(e.acknowledgedAt()));
        json.put("acknowledged_by", id(e.acknowledgedBy()));
        json.put("resolved_at", Representations.time(e.resolvedAt()));
        json.put("resolved_by", id(e.resolvedBy()));
        json.put("note", e.note());
        json.put("ack_due_at", Representations.time(view.ackDueAt()));
        json.put("breached", view.breached());
        return json;
    }

    private static String id(ProfileId id) {
        return id == null ? null : id.toString();
    }

    static Map<String, Object> event(HistoryEntry entry) {
        ExecutionEvent e = entry.event();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sequence", entry.sequence());
        json.put("action", e.action().wireName());
        json.put("actor", entry.actor() == null ? Map.of("type", "system") : actor(entry.actor()));
        json.put("from_status", e.from() == null ? null : e.from().wireName());
        json.put("to_status", e.to().wireName());
        json.put("days", e.days());
        json.put("reason", e.reason());
        json.put("reason_code", e.reasonCode());
        json.put("note", e.note());
        json.put("escalation_user", person(entry.escalationUser()));
        json.put("from_csm", person(entry.fromCsm()));
        json.put("to_csm", person(entry.toCsm()));
        json.put("occurred_at", Representations.time(e.occurredAt()));
        return json;
    }

    private static Map<String, Object> actor(Person person) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "profile");
        json.put("id", person.id().toString());
        json.put("name", person.name());
        return json;
    }

    static Map<String, Object> person(Person person) {
        if (person == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", person.id().toString());
        json.put("name", person.name());
        return json;
    }
}
