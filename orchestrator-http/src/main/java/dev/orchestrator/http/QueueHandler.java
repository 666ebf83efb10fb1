package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.ViewQueue;
import dev.orchestrator.core.domain.queue.QueueMode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** {@code GET /api/orchestrator/queue?limit=&demo=&csm_id=}: a CSM's queue, best first. */
final class QueueHandler {

    private final ViewQueue viewQueue;

    QueueHandler(ViewQueue viewQueue) {
        this.viewQueue = viewQueue;
    }

    void queue(Context ctx) {
        // A filter this route does not have (?status=snoozed) must not be ignored silently.
        QueryParameters.only(ctx, "csm_id", "demo", "limit");
        ViewQueue.Query query = new ViewQueue.Query(QueryParameters.csmId(ctx),
                QueryParameters.demo(ctx) ? QueueMode.DEMO : QueueMode.PRODUCTION, QueryParameters.limit(ctx));
        List<Map<String, Object>> items = Responses.valueOf(viewQueue.queue(Authentication.caller(ctx), query)).stream()
                .map(item -> Representations.queueItem(item.entry(), item.priority()))
                .toList();
        Responses.json(ctx, 200, items);
    }
}
