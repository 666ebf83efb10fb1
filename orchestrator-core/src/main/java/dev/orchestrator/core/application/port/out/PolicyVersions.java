package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.application.port.in.RecomputePriorities;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.policy.Policies;
import dev.orchestrator.core.domain.policy.PolicyVersion;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each organization's policies, versioned and append-only: the current version is the highest one
 * stored, or {@link PolicyVersion#builtIn()} when none is.
 */
public interface PolicyVersions {

    /** The organization's current version. */
    PolicyVersion currentPolicies(OrganizationId organization);

    /** The stored versions, newest first (the built-in one is not listed). */
    List<PolicyVersion> policyHistory(OrganizationId organization);

    /**
     * The current version of every organization (the built-in one for those that stored none), for
     * the jobs that cover every organization: each is run with its organization's policies.
     */
    Map<OrganizationId, PolicyVersion> policiesOfEveryOrganization();

    /**
     * Stores {@code policies} as version {@code expectedCurrent + 1} and re-scores the organization's
     * active executions with them (set-based), in one transaction. Empty, with nothing written, when
     * {@code expectedCurrent} is no longer the current version (another admin applied in between).
     */
    Optional<Applied> applyPolicies(OrganizationId organization, long expectedCurrent, Policies policies, ProfileId author,
            Instant at, LocalDate today);

    record Applied(PolicyVersion version, RecomputePriorities.Report rescored) {
    }
}
