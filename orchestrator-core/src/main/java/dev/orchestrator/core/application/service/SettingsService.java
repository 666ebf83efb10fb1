package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.ManageSettings;
import dev.orchestrator.core.application.port.out.OrganizationSettingsStore;
import dev.orchestrator.core.domain.access.AccessPolicy;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.escalation.OrganizationSettings;
import dev.orchestrator.core.domain.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ManageSettings}: admins only, every field validated and named. */
public final class SettingsService implements ManageSettings {

    static final String ACK_TARGET = "escalation_ack_target_hours";

    private final OrganizationSettingsStore store;

    public SettingsService(OrganizationSettingsStore store) {
        this.store = store;
    }

    @Override
    public Result<OrganizationSettings> settings(Profile caller) {
        if (!AccessPolicy.canManageCatalog(caller)) {
            return Result.err(new Failure.Forbidden("only an admin reads the organization's settings"));
        }
        return Result.ok(store.settings(caller.organizationId()));
    }

    @Override
    public Result<OrganizationSettings> replace(Profile caller, JsonObject body) {
        if (!AccessPolicy.canManageCatalog(caller)) {
            return Result.err(new Failure.Forbidden("only an admin changes the organization's settings"));
        }
        List<Failure.FieldError> errors = new ArrayList<>();
        body.values().keySet().stream().filter(field -> !field.equals(ACK_TARGET)).forEach(field -> errors.add(
                new Failure.FieldError(field, "is not a known field (known: " + ACK_TARGET + ")")));
        Object value = body.values().get(ACK_TARGET);
        Optional<Long> hours = value instanceof Number ? body.wholeNumber(ACK_TARGET) : Optional.empty();
        if (value == null) {
            errors.add(new Failure.FieldError(ACK_TARGET, "is required"));
        } else if (hours.isEmpty()) {
            errors.add(new Failure.FieldError(ACK_TARGET, "must be a whole number of hours"));
        } else {
            OrganizationSettings.problem(hours.get()).ifPresent(p -> errors.add(new Failure.FieldError(ACK_TARGET, p)));
        }
        if (!errors.isEmpty()) {
            return Result.err(new Failure.Invalid(errors));
        }
        OrganizationSettings settings = new OrganizationSettings(hours.get().intValue());
        store.saveSettings(caller.organizationId(), settings);
        return Result.ok(settings);
    }
}
