package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.ManageSettings;
import dev.orchestrator.core.application.port.out.OrganizationSettingsStore;
import dev.orchestrator.core.application.port.out.ProfileLookup;
import dev.orchestrator.core.domain.access.AccessPolicy;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.escalation.OrganizationSettings;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.workload.AssignmentStrategy;
import dev.orchestrator.core.domain.workload.LoadCounting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** {@link ManageSettings}: admins only, every field validated and named. */
public final class SettingsService implements ManageSettings {

    static final String ACK_TARGET = "escalation_ack_target_hours";
    static final String POOL = "assignment_pool";
    static final String STRATEGY = "assignment_strategy";
    static final String LOAD = "rebalance_load";
    private static final List<String> KNOWN = List.of(ACK_TARGET, POOL, STRATEGY, LOAD);

    private final OrganizationSettingsStore store;
    private final ProfileLookup profiles;

    public SettingsService(OrganizationSettingsStore store, ProfileLookup profiles) {
        this.store = store;
        this.profiles = profiles;
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
        body.values().keySet().stream().filter(field -> !KNOWN.contains(field)).forEach(field -> errors.add(
                new Failure.FieldError(field, "is not a known field (known: " + String.join(", ", KNOWN) + ")")));
        Object value = body.values().get(ACK_TARGET);
        Optional<Long> hours = value instanceof Number ? body.wholeNumber(ACK_TARGET) : Optional.empty();
        if (value == null) {
            errors.add(new Failure.FieldError(ACK_TARGET, "is required"));
        } else if (hours.isEmpty()) {
            errors.add(new Failure.FieldError(ACK_TARGET, "must be a whole number of hours"));
        } else {
            OrganizationSettings.problem(hours.get()).ifPresent(p -> errors.add(new Failure.FieldError(ACK_TARGET, p)));
        }
        List<ProfileId> pool = pool(caller, body.values().get(POOL), errors);
        AssignmentStrategy strategy = oneOf(body.values().get(STRATEGY), STRATEGY, AssignmentStrategy.values(),
                AssignmentStrategy.LEAST_OPEN, errors);
        LoadCounting load = oneOf(body.values().get(LOAD), LOAD, LoadCounting.values(), LoadCounting.OPEN, errors);
        if (!errors.isEmpty()) {
            return Result.err(new Failure.Invalid(errors));
        }
        OrganizationSettings settings = new OrganizationSettings(hours.get().intValue(), pool, strategy, load);
        store.saveSettings(caller.organizationId(), settings);
        return Result.ok(settings);
    }

    /**
     * The pool: absent or null is none; else distinct ids of CSMs or managers of the caller's
     * organization (the people who may own work), in the order round-robin takes them.
     */
    private List<ProfileId> pool(Profile caller, Object value, List<Failure.FieldError> errors) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            errors.add(new Failure.FieldError(POOL, "must be an array of profile ids"));
            return List.of();
        }
        if (list.size() > OrganizationSettings.MAX_POOL) {
            errors.add(new Failure.FieldError(POOL, "must hold at most " + OrganizationSettings.MAX_POOL + " ids"));
            return List.of();
        }
        Set<ProfileId> ids = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String field = POOL + "[" + i + "]";
            UUID id = list.get(i) instanceof String text ? uuid(text) : null;
            if (id == null) {
                errors.add(new Failure.FieldError(field, "must be a profile id (a UUID)"));
            } else if (!ids.add(new ProfileId(id))) {
                errors.add(new Failure.FieldError(field, "is listed twice"));
            } else if (profiles.findProfile(caller.organizationId(), new ProfileId(id))
                    .filter(AccessPolicy::canOwnWork).isEmpty()) {
                errors.add(new Failure.FieldError(field, "must be a CSM or a manager of your organization"));
            }
        }
        return List.copyOf(ids);
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException notOne) {
            return null;
        }
    }

    private static <E extends Enum<E> & dev.orchestrator.core.domain.WireNamed> E oneOf(Object value, String field,
            E[] values, E absent, List<Failure.FieldError> errors) {
        if (value == null) {
            return absent;
        }
        for (E e : values) {
            if (e.wireName().equals(value)) {
                return e;
            }
        }
        errors.add(new Failure.FieldError(field, "must be one of "
                + Arrays.stream(values).map(dev.orchestrator.core.domain.WireNamed::wireName).collect(Collectors.joining(", "))));
        return absent;
    }
}
