package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.port.out.PolicyVersions;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.policy.Policies;
import dev.orchestrator.core.domain.policy.PolicyVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one place the use cases read an organization's policies: its current stored version, else the
 * orchestrator's default policies (the standard ones unless an embedding application chose others)
 * as version {@value PolicyVersion#BUILT_IN}.
 */
public final class PolicySource {

    private final PolicyVersions versions;
    private final Policies defaults;

    public PolicySource(PolicyVersions versions, Policies defaults) {
        this.versions = versions;
        this.defaults = defaults;
    }

    public PolicyVersion current(OrganizationId organization) {
        return orDefault(versions.currentPolicies(organization));
    }

    /**
     * What a job over {@code organization} (or, when empty, every organization) runs with: one entry
     * with no organization when every organization is on the defaults (one statement covers all, as
     * before policies were stored), else one entry per organization.
     */
    public Map<Optional<OrganizationId>, PolicyVersion> forJob(Optional<OrganizationId> organization) {
        if (organization.isPresent()) {
            return Map.of(organization, current(organization.get()));
        }
        Map<OrganizationId, PolicyVersion> every = versions.policiesOfEveryOrganization();
        if (every.values().stream().allMatch(v -> v.version() == PolicyVersion.BUILT_IN)) {
            return Map.of(Optional.empty(), builtIn());
        }
        Map<Optional<OrganizationId>, PolicyVersion> perOrganization = new LinkedHashMap<>();
        every.forEach((org, version) -> perOrganization.put(Optional.of(org), orDefault(version)));
        return perOrganization;
    }

    public Policies defaults() {
        return defaults;
    }

    private PolicyVersion orDefault(PolicyVersion version) {
        return version.version() == PolicyVersion.BUILT_IN ? builtIn() : version;
    }

    private PolicyVersion builtIn() {
        return new PolicyVersion(PolicyVersion.BUILT_IN, defaults, Optional.empty(), Optional.empty());
    }
}
