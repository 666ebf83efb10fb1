package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.out.PolicyVersions;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.policy.PolicyVersion;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The caller's organization's priority and signal policies: every member reads them and their
 * history, admins apply a new version. A body is read by {@code PolicyWire} (every problem named by
 * its path); applying re-scores the organization's open work in the same transaction.
 */
public interface ManagePolicies {

    Result<PolicyVersion> current(Profile caller);

    Result<List<PolicyVersion>> history(Profile caller);

    /**
     * Applies {@code body} ({@code priority_policy}, {@code signal_policy}; an absent one stays as it
     * is) as the next version. {@code ifMatch} (the version an ETag carried) makes it fail as
     * {@code Stale} when another version was applied since.
     */
    Result<PolicyVersions.Applied> apply(Profile caller, Map<?, ?> body, OptionalLong ifMatch);
}
