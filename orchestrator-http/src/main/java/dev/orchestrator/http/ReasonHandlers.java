package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.ManageReasons;
import dev.orchestrator.core.domain.reasons.ReasonCatalog;
import dev.orchestrator.core.domain.reasons.ReasonCode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/orchestrator/reasons}: the organization's skip and snooze reasons, read by members, replaced by admins. */
final class ReasonHandlers {

    private final ManageReasons reasons;

    ReasonHandlers(ManageReasons reasons) {
        this.reasons = reasons;
    }

    void list(Context ctx) {
        QueryParameters.only(ctx);
        Responses.json(ctx, 200, catalog(Responses.valueOf(reasons.list(Authentication.caller(ctx)))));
    }

    void replace(Context ctx) {
        QueryParameters.only(ctx);
        Responses.json(ctx, 200, catalog(Responses.valueOf(reasons.replace(Authentication.caller(ctx),
                JsonBody.object(ctx)))));
    }

    private static Map<String, Object> catalog(ReasonCatalog catalog) {
        return Map.of("items", catalog.codes().stream().map(ReasonHandlers::code).toList());
    }

    private static Map<String, Object> code(ReasonCode code) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", code.code());
        json.put("kind", code.kind().wireName());
        json.put("label", code.label());
        json.put("active", code.active());
        return json;
    }
}
