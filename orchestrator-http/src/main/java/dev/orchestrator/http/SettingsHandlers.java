package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.ManageSettings;
import dev.orchestrator.core.domain.escalation.OrganizationSettings;
import io.javalin.http.Context;
import java.util.Map;

/** {@code /api/orchestrator/settings}: the organization's settings, read and replaced by admins. */
final class SettingsHandlers {

    private final ManageSettings settings;

    SettingsHandlers(ManageSettings settings) {
        this.settings = settings;
    }

    void get(Context ctx) {
        QueryParameters.only(ctx);
        Responses.json(ctx, 200, json(Responses.valueOf(settings.settings(Authentication.caller(ctx)))));
    }

    void replace(Context ctx) {
        QueryParameters.only(ctx);
        Responses.json(ctx, 200, json(Responses.valueOf(settings.replace(Authentication.caller(ctx),
                JsonBody.object(ctx)))));
    }

    private static Map<String, Object> json(OrganizationSettings value) {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("escalation_ack_target_hours", value.escalationAckTargetHours());
        json.put("assignment_pool", value.assignmentPool().stream().map(Object::toString).toList());
        json.put("assignment_strategy", value.assignmentStrategy().wireName());
        json.put("rebalance_load", value.rebalanceLoad().wireName());
        return json;
    }
}
