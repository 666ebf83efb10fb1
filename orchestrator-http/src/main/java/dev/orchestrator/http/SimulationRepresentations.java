package dev.orchestrator.http;

import dev.orchestrator.core.domain.policy.SimulationReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A simulation report as JSON: per CSM the top N before and after, entering, leaving, moves; per definition, per label. */
final class SimulationRepresentations {

    private SimulationRepresentations() {
    }

    static Map<String, Object> report(SimulationReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("top_n", report.topN());
        json.put("csms", report.csms().stream().map(SimulationRepresentations::queue).toList());
        json.put("definitions", report.definitions().stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("workflow_definition_id", d.definition().value().toString());
            m.put("name", d.name());
            m.put("would_create_before", d.createdBefore());
            m.put("would_create_after", d.createdAfter());
            m.put("would_close_before", d.closedBefore());
            m.put("would_close_after", d.closedAfter());
            return m;
        }).toList());
        json.put("labels", report.labels().stream().map(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", l.label().displayName());
            m.put("before", l.before());
            m.put("after", l.after());
            return m;
        }).toList());
        return json;
    }

    private static Map<String, Object> queue(SimulationReport.CsmQueue queue) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("csm_id", queue.csm().value().toString());
        json.put("top_before", items(queue.topBefore()));
        json.put("top_after", items(queue.topAfter()));
        json.put("entering", ids(queue.entering()));
        json.put("leaving", ids(queue.leaving()));
        json.put("moved", items(queue.moved()));
        return json;
    }

    private static List<Map<String, Object>> items(List<SimulationReport.RankedItem> items) {
        return items.stream().map(i -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("execution_id", i.execution().value().toString());
            m.put("customer_id", i.customer().value().toString());
            m.put("workflow_definition_id", i.definition().value().toString());
            m.put("customer_name", i.customerName());
            m.put("workflow_definition_name", i.definitionName());
            m.put("score_before", i.scoreBefore());
            m.put("score_after", i.scoreAfter());
            m.put("rank_before", i.rankBefore());
            m.put("rank_after", i.rankAfter());
            m.put("rank_move", i.rankMove());
            return m;
        }).toList();
    }

    private static List<String> ids(List<SimulationReport.RankedItem> items) {
        return items.stream().map(i -> i.execution().value().toString()).toList();
    }
}
