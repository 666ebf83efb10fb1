package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.SimulatePolicies;
import dev.orchestrator.core.application.port.out.CatalogReads;
import dev.orchestrator.core.application.port.out.PolicySimulation;
import dev.orchestrator.core.application.port.out.ProfileLookup;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.catalog.CatalogJson;
import dev.orchestrator.core.domain.catalog.CatalogReader;
import dev.orchestrator.core.domain.catalog.Problems;
import dev.orchestrator.core.domain.catalog.Versioned;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.json.JsonMergePatch;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.policy.Policies;
import dev.orchestrator.core.domain.policy.PolicyWire;
import dev.orchestrator.core.domain.policy.SimulationReport;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What-if over candidate policies ({@link SimulatePolicies}): validated as an apply is, nothing written. */
public final class SimulationService implements SimulatePolicies {

    static final String TOP_N = "top_n";
    static final String ORGANIZATION = "organization_id";
    static final String DEFINITIONS = "definitions";

    private final PolicySource source;
    private final PolicySimulation simulation;
    private final ProfileLookup profiles;
    private final CatalogReads catalog;
    private final Clock clock;

    public SimulationService(PolicySource source, PolicySimulation simulation, ProfileLookup profiles,
            CatalogReads catalog, Clock clock) {
        this.source = source;
        this.simulation = simulation;
        this.profiles = profiles;
        this.catalog = catalog;
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
        policyPart.remove(DEFINITIONS);
        Problems problems = new Problems();
        Policies current = source.current(caller.organizationId()).policies();
        Optional<Policies> candidate = PolicyWire.read(policyPart, current, problems);
        int topN = topN(body.get(TOP_N), problems);
        // Changed definitions are read as the definitions routes read them, bounded by the candidate policies.
        List<WorkflowDefinition> changed = changedDefinitions(caller, body.get(DEFINITIONS),
                candidate.orElse(current), problems);
        if (candidate.isEmpty() || !problems.isEmpty()) {
            return Result.err(CatalogFailures.invalid(problems));
        }
        // A manager's scope is their reports' queues, as on the dashboard.
        Optional<Set<ProfileId>> csms = caller.role() == Role.ADMIN ? Optional.empty()
                : Optional.of(profiles.reportsOf(caller.organizationId(), caller.id()).stream().map(Profile::id)
                        .collect(Collectors.toSet()));
        Instant now = clock.instant();
        return Result.ok(simulation.simulate(caller.organizationId(), csms, current, candidate.get(), changed, topN,
                now.atOffset(ZoneOffset.UTC).toLocalDate(), now));
    }

    /**
     * {@code definitions}: a list of at most {@value #MAX_CHANGED_DEFINITIONS} objects, each the {@code id}
     * of one of the organization's definitions and a JSON Merge Patch of it (as {@code PATCH
     * /api/orchestrator/definitions/{id}} takes), validated as that route validates it. Nothing is written.
     */
    private List<WorkflowDefinition> changedDefinitions(Profile caller, Object value, Policies policies,
            Problems problems) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items) || items.size() > MAX_CHANGED_DEFINITIONS) {
            problems.add(DEFINITIONS, "must be a list of at most " + MAX_CHANGED_DEFINITIONS
                    + " objects, each a definition's id and the fields that change");
            return List.of();
        }
        CatalogReader reader = CatalogReaders.of(policies);
        List<WorkflowDefinition> changed = new ArrayList<>();
        Set<DefinitionId> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String path = DEFINITIONS + "[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> item)) {
                problems.add(path, "must be an object: a definition's id and the fields that change");
                continue;
            }
            Optional<DefinitionId> id = CatalogReader.uuid(item.get("id")).map(DefinitionId::new);
            if (id.isEmpty()) {
                problems.add(path + ".id", "must be the id (a UUID) of one of the organization's workflow definitions");
                continue;
            }
            if (!seen.add(id.get())) {
                problems.add(path + ".id", "names a definition already changed earlier in the list");
                continue;
            }
            Optional<Versioned<WorkflowDefinition>> stored = catalog.definition(caller.organizationId(), id.get());
            if (stored.isEmpty()) {
                problems.add(path + ".id", "is not a workflow definition of this organization");
                continue;
            }
            Map<String, Object> patch = new LinkedHashMap<>();
            item.forEach((k, v) -> patch.put(String.valueOf(k), v));
            patch.remove("id");
            JsonObject shown = new JsonObject(CatalogJson.withoutIdentity(CatalogJson.definition(stored.get().value())));
            WorkflowDefinition definition = reader.definition(JsonMergePatch.apply(shown, JsonObject.of(patch)), path,
                    problems, id.get(), caller.organizationId());
            if (definition != null) {
                changed.add(definition);
            }
        }
        return changed;
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
