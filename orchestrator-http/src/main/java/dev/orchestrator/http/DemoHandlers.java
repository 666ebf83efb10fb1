package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.InitializeDemo;
import dev.orchestrator.core.application.port.in.ViewDemoProgress;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.queue.DemoProgress;
import dev.orchestrator.core.domain.queue.QueueEntry;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@code POST /api/orchestrator/demo/initialize} and {@code GET /api/orchestrator/demo/status}. */
final class DemoHandlers {

    private final InitializeDemo initializeDemo;
    private final ViewDemoProgress viewDemoProgress;
    private final PriorityNow priorities;

    DemoHandlers(InitializeDemo initializeDemo, ViewDemoProgress viewDemoProgress, PriorityNow priorities) {
        this.initializeDemo = initializeDemo;
        this.viewDemoProgress = viewDemoProgress;
        this.priorities = priorities;
    }

    /** 201 with the new executions' ids, or 200 with the same ids when they already existed. */
    void initialize(Context ctx) {
        JsonBody body = JsonBody.read(ctx, "customer_id", "csm_id");
        UUID customerId = body.requiredUuid("customer_id");
        Optional<UUID> csmId = body.optionalUuid("csm_id");
        body.validated();
        InitializeDemo.Initialization done = Responses.valueOf(initializeDemo.initialize(Authentication.caller(ctx),
                CustomerId.of(customerId), csmId.map(ProfileId::of)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("execution_ids", done.executionIds().stream().map(ExecutionId::toString).toList());
        Responses.json(ctx, done.created() ? 201 : 200, json);
    }

    void status(Context ctx) {
        DemoProgress progress = Responses.valueOf(
                viewDemoProgress.progress(Authentication.caller(ctx), QueryParameters.csmId(ctx)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("total", progress.total());
        json.put("completed", progress.completed());
        json.put("current", progress.current().map(this::item).orElse(null));
        json.put("next", progress.next().map(this::item).orElse(null));
        Responses.json(ctx, 200, json);
    }

    private Map<String, Object> item(QueueEntry entry) {
        return Representations.queueItem(entry, priorities.of(entry));
    }
}
