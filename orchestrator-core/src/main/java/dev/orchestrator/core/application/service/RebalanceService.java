package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.ActInBulk;
import dev.orchestrator.core.application.port.in.RebalanceTeam;
import dev.orchestrator.core.application.port.out.OrganizationSettingsStore;
import dev.orchestrator.core.application.port.out.ProfileLookup;
import dev.orchestrator.core.application.port.out.RebalanceReads;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.lifecycle.Transition;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.workload.LoadCounting;
import dev.orchestrator.core.domain.workload.RebalancePlanner;
import dev.orchestrator.core.domain.workload.RebalancePolicy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link RebalanceTeam}: who is on the team is the profiles' business, their load and movable work one
 * set-based read ({@link RebalanceReads}), the plan the core's ({@link RebalancePlanner}); applying it
 * is the bulk reassign use case, one call per receiving CSM, each item guarded by its planned version.
 */
public final class RebalanceService implements RebalanceTeam {

    private final RebalanceReads reads;
    private final ProfileLookup profiles;
    private final OrganizationSettingsStore settings;
    private final PolicySource policies;
    private final ActInBulk bulk;
    private final Clock clock;

    public RebalanceService(RebalanceReads reads, ProfileLookup profiles, OrganizationSettingsStore settings,
            PolicySource policies, ActInBulk bulk, Clock clock) {
        this.reads = reads;
        this.profiles = profiles;
        this.settings = settings;
        this.policies = policies;
        this.bulk = bulk;
        this.clock = clock;
    }

    @Override
    public Result<Rebalance> rebalance(Profile caller, boolean apply) {
        return TeamMembers.of(profiles, caller)
                .<Result<Rebalance>>map(members -> Result.ok(run(caller, members, apply)))
                .orElseGet(() -> Result.err(new Failure.Forbidden("rebalancing is for managers (their reports) and admins")));
    }

    @Override
    public Result<Rebalance> operatorRebalance(Optional<OrganizationId> organization, Optional<ProfileId> manager,
            boolean apply) {
        if (manager.isPresent()) {
            Result<Profile> found = TeamMembers.namedManager(profiles, organization, manager.get());
            return found instanceof Result.Err<Profile> err ? Result.err(err.failure())
                    : rebalance(((Result.Ok<Profile>) found).value(), apply);
        }
        if (organization.isEmpty()) {
            return Result.err(Failure.Invalid.of("manager", "or organization is required"));
        }
        Optional<Profile> admin = profiles.profiles(organization.get(), Optional.of(Role.ADMIN)).stream().findFirst();
        if (admin.isEmpty()) {
            return Result.err(new Failure.NotFound("organization " + organization.get()
                    + " has no admin to rebalance as: give --manager"));
        }
        return rebalance(admin.get(), apply);
    }

    private Rebalance run(Profile caller, List<Profile> members, boolean apply) {
        OrganizationId organization = caller.organizationId();
        LoadCounting counting = settings.settings(organization).rebalanceLoad();
        RebalancePolicy policy = RebalancePolicy.DEFAULTS.counted(counting);
        PriorityPolicy.LabelThresholds labels = policies.current(organization).policies().priority().labels();
        Map<ProfileId, Integer> capacities = new LinkedHashMap<>();
        members.forEach(m -> m.capacity().ifPresent(c -> capacities.put(m.id(), c)));
        RebalanceReads.TeamLoad read = capacities.isEmpty() ? new RebalanceReads.TeamLoad(Map.of(), List.of())
                : reads.read(organization, capacities, policy, labels);
        List<RebalancePlanner.Member> planned = members.stream().filter(m -> m.capacity().isPresent())
                .map(m -> new RebalancePlanner.Member(m.id(), m.fullName(), m.managerId(), m.capacity(),
                        read.loads().getOrDefault(m.id(), 0L))).toList();
        RebalancePlanner.Proposal proposal = new RebalancePlanner(policy, labels).plan(planned, read.candidates());
        if (!apply) {
            return new Rebalance(proposal, counting, false, List.of(), clock.instant());
        }
        return new Rebalance(proposal, counting, true, applied(caller, proposal), clock.instant());
    }

    /** One bulk reassign per receiving CSM (in chunks of the bulk limit), the results in the proposal's order. */
    private List<MoveResult> applied(Profile caller, RebalancePlanner.Proposal proposal) {
        Map<ProfileId, List<RebalancePlanner.Move>> byTarget = new LinkedHashMap<>();
        proposal.moves().forEach(m -> byTarget.computeIfAbsent(m.to(), k -> new ArrayList<>()).add(m));
        Map<ExecutionId, Optional<Failure>> outcome = new HashMap<>();
        byTarget.forEach((target, moves) -> {
            for (int from = 0; from < moves.size(); from += ActInBulk.MAX_ITEMS) {
                List<RebalancePlanner.Move> chunk = moves.subList(from, Math.min(moves.size(), from + ActInBulk.MAX_ITEMS));
                Map<ExecutionId, Long> versions = new LinkedHashMap<>();
                chunk.forEach(m -> versions.put(m.execution(), m.version()));
                Result<ActInBulk.BulkOutcome> done = bulk.act(caller, new ActInBulk.BulkRequest(
                        new Transition.Reassign(target), Optional.of(List.copyOf(versions.keySet())), Optional.empty(),
                        versions));
                if (done instanceof Result.Err<ActInBulk.BulkOutcome> err) {
                    chunk.forEach(m -> outcome.put(m.execution(), Optional.of(err.failure())));
                } else {
                    done.orElseThrow().items().forEach(i -> outcome.put(i.id(), i.failure()));
                }
            }
        });
        return proposal.moves().stream()
                .map(m -> new MoveResult(m, outcome.getOrDefault(m.execution(), Optional.empty()))).toList();
    }

}
