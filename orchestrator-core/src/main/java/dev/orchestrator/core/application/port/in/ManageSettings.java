package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.escalation.OrganizationSettings;
import dev.orchestrator.core.domain.json.JsonObject;

/** The organization's settings (the escalation acknowledgement target), read and written by admins. */
public interface ManageSettings {

    Result<OrganizationSettings> settings(Profile caller);

    /** Replaces the settings with {@code body}: {@code {"escalation_ack_target_hours": 1..720}}. */
    Result<OrganizationSettings> replace(Profile caller, JsonObject body);
}
