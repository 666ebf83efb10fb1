package dev.orchestrator.core.application.service;

import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.dependency.BlockedBy;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.policy.PolicyVersion;
import dev.orchestrator.core.domain.queue.QueueEntry;
import dev.orchestrator.core.domain.reasons.ReasonCatalog;
import java.util.List;
import java.util.Optional;

/**
 * Everything a transition reads before its guarded write, within the caller's organization. A single
 * call reads each when it needs it ({@code TransitionService.direct}); a bulk call's items share what
 * was read once for all of them ({@code TransitionService.prepare}). Either way the same
 * {@code TransitionService} code decides with it, so a bulk item is judged as the single call is.
 */
interface TransitionReads {

    /** The execution with what its priority depends on; empty when the organization has none of that id. */
    Optional<QueueEntry> entry(ExecutionId id);

    /** A profile of the organization. */
    Optional<Profile> profile(ProfileId id);

    /** The organization's reason codes. */
    ReasonCatalog reasons();

    /** The organization's current policies. */
    PolicyVersion policy();

    /** What {@code execution} waits for now ({@code DependencyRule}), named; empty when nothing blocks it. */
    List<BlockedBy> blockers(WorkflowExecution execution);
}
