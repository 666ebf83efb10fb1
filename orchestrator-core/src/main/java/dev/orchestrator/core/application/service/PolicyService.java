package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.ManagePolicies;
import dev.orchestrator.core.application.port.out.PolicyVersions;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.catalog.Problems;
import dev.orchestrator.core.domain.policy.Policies;
import dev.orchestrator.core.domain.policy.PolicyVersion;
import dev.orchestrator.core.domain.policy.PolicyWire;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads and applies an organization's policies ({@link ManagePolicies}). */
public final class PolicyService implements ManagePolicies {

    private final PolicySource source;
    private final PolicyVersions versions;
    private final Clock clock;

    public PolicyService(PolicySource source, PolicyVersions versions, Clock clock) {
        this.source = source;
        this.versions = versions;
        this.clock = clock;
    }

    @Override
    public Result<PolicyVersion> current(Profile caller) {
        return Result.ok(source.current(caller.organizationId()));
    }

    @Override
    public Result<List<PolicyVersion>> history(Profile caller) {
        return Result.ok(versions.policyHistory(caller.organizationId()));
    }

    @Override
    public Result<PolicyVersions.Applied> apply(Profile caller, Map<?, ?> body, OptionalLong ifMatch) {
        if (caller.role() != Role.ADMIN) {
            return Result.err(new Failure.Forbidden("only an admin applies policies"));
        }
        PolicyVersion current = source.current(caller.organizationId());
        if (ifMatch.isPresent() && ifMatch.getAsLong() != current.version()) {
            return Result.err(new Failure.Stale(OptionalLong.of(current.version())));
        }
        Problems problems = new Problems();
        Optional<Policies> policies = PolicyWire.read(body, current.policies(), problems);
        if (policies.isEmpty()) {
            return Result.err(CatalogFailures.invalid(problems));
        }
        Instant now = clock.instant();
        return versions.applyPolicies(caller.organizationId(), current.version(), policies.get(), caller.id(), now,
                        now.atOffset(ZoneOffset.UTC).toLocalDate())
                .<Result<PolicyVersions.Applied>>map(Result::ok)
                .orElseGet(() -> Result.err(new Failure.Stale(
                        OptionalLong.of(versions.currentPolicies(caller.organizationId()).version()))));
    }
}
