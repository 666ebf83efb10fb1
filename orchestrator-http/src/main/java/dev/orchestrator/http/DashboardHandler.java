package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.ViewQueue;
import dev.orchestrator.core.application.port.in.ViewQueue.QueueItem;
import dev.orchestrator.core.domain.queue.QueueEntry;
import dev.orchestrator.core.domain.queue.QueueMode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/dashboard/today-workflows?demo=}: the one workflow the dashboard shows, the top of
 * the caller's queue (production, or the demo sequence); 204 when there is nothing to do.
 */
final class DashboardHandler {

    private final ViewQueue viewQueue;

    DashboardHandler(ViewQueue viewQueue) {
        this.viewQueue = viewQueue;
    }

    void todayWorkflow(Context ctx) {
        QueueMode mode = QueryParameters.demo(ctx) ? QueueMode.DEMO : QueueMode.PRODUCTION;
        List<QueueItem> top = Responses.valueOf(
                viewQueue.queue(Authentication.caller(ctx), new ViewQueue.Query(Optional.empty(), mode, 1)));
        if (top.isEmpty()) {
            ctx.status(204);
            return;
        }
        QueueItem item = top.get(0);
        QueueEntry entry = item.entry();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("execution_id", entry.execution().id().toString());
        json.put("workflow_id", entry.definition().triggerConditions().workflowId().orElse(null));
        json.put("workflow_type", entry.definition().type().wireName());
        json.put("title", entry.definition().name());
        json.put("priority", item.priority().label().displayName());
        json.put("priority_score", entry.execution().priorityScore());
        json.put("customer", Representations.customer(entry.customer()));
        Responses.json(ctx, 200, json);
    }
}
