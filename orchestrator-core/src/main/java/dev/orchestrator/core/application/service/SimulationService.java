package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.SimulatePolicies;
import dev.orchestrator.core.application.port.out.PolicySimulation;
import dev.orchestrator.core.application.port.out.ProfileLookup;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.catalog.Problems;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.policy.Policies;
import dev.orchestrator.core.domain.policy.PolicyWire;
import dev.orchestrator.core.domain.policy.SimulationReport;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What-if over candidate policies ({@link SimulatePolicies}): validated as an apply is, nothing written. */
public final class SimulationService implements SimulatePolicies {

    static final String TOP_N = "top_n";
    static final String ORGANIZATION = "organization_id";

    private final PolicySource source;
    private final PolicySimulation simulation;
    private final ProfileLookup profiles;
    private final Clock clock;

    public SimulationService(PolicySource source, PolicySimulation simulation, ProfileLookup profiles, Clock clock) {
        this.source = source;
        this.simulation = simulation;
        this.profiles = profiles;
        this.clock = clock;
    }

    @Override
    public Result<SimulationReport> simulate(Profile caller, Map<?, ?> body) {
        if (caller.role() != Role.ADMIN && caller.role() != Role.MANAGER) {
            return Result.err(new Failure.Forbidden("only admins and managers run simulations"));
        }
        Object organization = body.get(ORGANIZATION);
        if (organization != null && !caller.organizationId().value().toString().equalsIgnoreCase(String.valueOf(organization))) {
            return Result.err(new Failure.NotFound("no organization " + organization + " for this caller"));
        }
        Map<Object, Object> policyPart = new LinkedHashMap<>(body);
        policyPart.remove(TOP_N);
        policyPart.remove(ORGANIZATION);
        Problems problems = new Problems();
        Policies current = source.current(caller.organizationId()).policies();
        Optional<Policies> candidate = PolicyWire.read(policyPart, current, problems);
        int topN = topN(body.get(TOP_N), problems);
        if (candidate.isEmpty() || !problems.isEmpty()) {
            return Result.err(CatalogFailures.invalid(problems));
        }
        // A manager's scope is their reports' queues, as on the dashboard.
        Optional<Set<ProfileId>> csms = caller.role() == Role.ADMIN ? Optional.empty()
                : Optional.of(profiles.reportsOf(caller.organizationId(), caller.id()).stream().map(Profile::id)
                        .collect(Collectors.toSet()));
        Instant now = clock.instant();
        return Result.ok(simulation.simulate(caller.organizationId(), csms, current, candidate.get(), topN,
                now.atOffset(ZoneOffset.UTC).toLocalDate(), now));
    }

    private static int topN(Object value, Problems problems) {
        if (value == null) {
            return DEFAULT_TOP_N;
        }
        if (value instanceof Number n) {
            BigDecimal d = new BigDecimal(n.toString());
            if (d.stripTrailingZeros().scale() <= 0 && d.compareTo(BigDecimal.ONE) >= 0
                    && d.compareTo(BigDecimal.valueOf(MAX_TOP_N)) <= 0) {
                return d.intValueExact();
            }
        }
        problems.add(TOP_N, "must be a whole number between 1 and " + MAX_TOP_N);
        return DEFAULT_TOP_N;
    }
}
