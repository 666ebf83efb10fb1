package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.ManagePolicies;
import dev.orchestrator.core.application.port.in.SimulatePolicies;
import dev.orchestrator.core.application.port.out.PolicyVersions;
import dev.orchestrator.core.domain.policy.PolicyVersion;
import dev.orchestrator.core.domain.policy.PolicyWire;
import dev.orchestrator.core.domain.policy.SimulationReport;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/orchestrator/policies}: the organization's current policies, applying a new version, the
 * history; and {@code /api/orchestrator/simulations}, the what-if of candidate policies.
 */
final class PolicyHandlers {

    private final ManagePolicies policies;
    private final SimulatePolicies simulations;

    PolicyHandlers(ManagePolicies policies, SimulatePolicies simulations) {
        this.policies = policies;
        this.simulations = simulations;
    }

    /** {@code POST /api/orchestrator/simulations}: what applying the body's policies would change; writes nothing. */
    void simulate(Context ctx) {
        QueryParameters.only(ctx);
        SimulationReport report = Responses.valueOf(
                simulations.simulate(Authentication.caller(ctx), JsonBody.object(ctx).values()));
        Responses.json(ctx, 200, SimulationRepresentations.report(report));
    }

    void get(Context ctx) {
        QueryParameters.only(ctx);
        PolicyVersion current = Responses.valueOf(policies.current(Authentication.caller(ctx)));
        ETags.set(ctx, current.version());
        Responses.json(ctx, 200, PolicyWire.write(current));
    }

    void history(Context ctx) {
        QueryParameters.only(ctx);
        var versions = Responses.valueOf(policies.history(Authentication.caller(ctx)));
        Responses.json(ctx, 200, Map.of("items", versions.stream().map(PolicyWire::write).toList()));
    }

    void apply(Context ctx) {
        QueryParameters.only(ctx);
        var ifMatch = ETags.ifMatch(ctx);
        PolicyVersions.Applied applied = Responses.valueOf(
                policies.apply(Authentication.caller(ctx), JsonBody.object(ctx).values(), ifMatch));
        ETags.set(ctx, applied.version().version());
        Map<String, Object> json = new LinkedHashMap<>(PolicyWire.write(applied.version()));
        json.put("rescored", Map.of("examined", applied.rescored().examined(), "changed", applied.rescored().changed()));
        Responses.json(ctx, 200, json);
    }

}
