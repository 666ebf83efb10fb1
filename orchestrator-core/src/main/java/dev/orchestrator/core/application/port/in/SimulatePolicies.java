package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.policy.SimulationReport;
import java.util.Map;

/**
 * What would change if candidate policies were applied, without writing anything: admins see every
 * CSM of their organization, managers their reports. The body is {@code priority_policy?},
 * {@code signal_policy?} (the policy wire format; an absent one is the current one),
 * {@code definitions?} (changed definitions: each {@code {id, ...fields that change}}, at most
 * {@value #MAX_CHANGED_DEFINITIONS}) and {@code top_n} (1..{@value #MAX_TOP_N}, default {@value #DEFAULT_TOP_N}).
 */
public interface SimulatePolicies {

    int DEFAULT_TOP_N = 10;
    int MAX_TOP_N = 100;
    int MAX_CHANGED_DEFINITIONS = 100;

    Result<SimulationReport> simulate(Profile caller, Map<?, ?> body);
}
