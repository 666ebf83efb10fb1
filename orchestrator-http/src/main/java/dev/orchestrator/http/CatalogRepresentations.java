package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.ManageCustomers;
import dev.orchestrator.core.application.port.out.CatalogWrites.WorkChanges;
import dev.orchestrator.core.domain.catalog.CatalogJson;
import dev.orchestrator.core.domain.catalog.Versioned;
import dev.orchestrator.core.domain.signals.SignalScore;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The management API's shapes: the core's {@link CatalogJson} (the same field names a body is read
 * with, so that what GET answers can be sent back to PUT), plus the version and derived data.
 */
final class CatalogRepresentations {

    private CatalogRepresentations() {
    }

    static Map<String, Object> definition(Versioned<WorkflowDefinition> d) {
        Map<String, Object> json = CatalogJson.definition(d.value());
        json.put("version", d.version());
        return json;
    }

    static Map<String, Object> customer(ManageCustomers.View view) {
        Map<String, Object> json = CatalogJson.customer(view.customer());
        json.put("version", view.version());
        Map<String, Object> scores = new LinkedHashMap<>();
        scores.put("opportunity", score(view.scores().opportunity()));
        scores.put("risk", score(view.scores().risk()));
        json.put("scores", scores);
        return json;
    }

    private static Map<String, Object> score(SignalScore score) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("score", score.value());
        json.put("explanation", Representations.explanation(score.explanation()));
        return json;
    }

    static Map<String, Object> changes(WorkChanges changes) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("created", changes.created().stream().map(c -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("execution_id", c.execution().toString());
            item.put("workflow_definition_id", c.definition().toString());
            item.put("customer_id", c.customer().toString());
            item.put("priority_score", c.priorityScore());
            return item;
        }).toList());
        json.put("rescored", changes.rescored().stream().map(r -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("execution_id", r.execution().toString());
            item.put("from", r.from());
            item.put("to", r.to());
            return item;
        }).toList());
        json.put("reassigned", changes.reassigned());
        return json;
    }
}
