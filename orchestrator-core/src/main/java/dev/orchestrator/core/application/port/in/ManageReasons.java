package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.reasons.ReasonCatalog;

/** The organization's skip and snooze reasons: every member reads them, admins replace them. */
public interface ManageReasons {

    Result<ReasonCatalog> list(Profile caller);

    /** Replaces the catalog with {@code body} ({@code {"items": [...]}}, as {@link ReasonCatalog#parse} reads it). */
    Result<ReasonCatalog> replace(Profile caller, JsonObject body);
}
