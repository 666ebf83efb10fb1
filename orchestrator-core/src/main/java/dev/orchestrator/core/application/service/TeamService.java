package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.ViewTeam;
import dev.orchestrator.core.application.port.out.ProfileLookup;
import dev.orchestrator.core.application.port.out.ReadTransactions;
import dev.orchestrator.core.application.port.out.TeamViews;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.team.CsmWorkload;
import dev.orchestrator.core.domain.team.TeamWindows;
import dev.orchestrator.core.domain.views.Person;
import dev.orchestrator.core.domain.workload.Capacity;
import dev.orchestrator.core.domain.workload.RebalancePolicy;
import dev.orchestrator.core.application.port.out.OrganizationSettingsStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The team view. Who is on a team is the profiles' business ({@link ProfileLookup}: a manager's direct
 * reports, an admin's CSMs), what each has is one set-based read ({@link TeamViews}).
 */
public final class TeamService implements ViewTeam {

    private final TeamViews teams;
    private final ProfileLookup profiles;
    private final PolicySource policies;
    private final OrganizationSettingsStore settings;
    private final ReadTransactions reads;
    private final Clock clock;

    public TeamService(TeamViews teams, ProfileLookup profiles, OrganizationSettingsStore settings,
            PolicySource policies, ReadTransactions reads, Clock clock) {
        this.teams = teams;
        this.reads = reads;
        this.settings = settings;
        this.profiles = profiles;
        this.policies = policies;
        this.clock = clock;
    }

    @Override
    public Result<TeamReport> team(Profile caller, Optional<ProfileId> csm) {
        // One unit of reads: the members, their counts, the policy's labels and the acknowledgement target.
        return reads.together(() -> teamNow(caller, csm));
    }

    private Result<TeamReport> teamNow(Profile caller, Optional<ProfileId> csm) {
        Optional<List<Profile>> team = TeamMembers.of(profiles, caller);
        if (team.isEmpty()) {
            return Result.err(new Failure.Forbidden("the team view is for managers (their reports) and admins"));
        }
        List<Profile> members = team.get();
        if (csm.isPresent()) {
            members = members.stream().filter(p -> p.id().equals(csm.get())).toList();
            if (members.isEmpty()) {
                return Result.err(new Failure.NotFound("csm " + csm.get() + " is not in your team"));
            }
        }
        return Result.ok(report(caller.organizationId(), members));
    }

    @Override
    public Result<TeamReport> operatorTeam(Optional<OrganizationId> organization, Optional<ProfileId> manager) {
        return reads.together(() -> operatorTeamNow(organization, manager));
    }

    private Result<TeamReport> operatorTeamNow(Optional<OrganizationId> organization, Optional<ProfileId> manager) {
        if (manager.isPresent()) {
            Result<Profile> found = TeamMembers.namedManager(profiles, organization, manager.get());
            if (found instanceof Result.Err<Profile> err) {
                return Result.err(err.failure());
            }
            Profile named = ((Result.Ok<Profile>) found).value();
            return Result.ok(report(named.organizationId(), profiles.reportsOf(named.organizationId(), named.id())));
        }
        if (organization.isEmpty()) {
            return Result.err(Failure.Invalid.of("manager", "or organization is required"));
        }
        return Result.ok(report(organization.get(), profiles.profiles(organization.get(), Optional.of(Role.CSM))));
    }

    private TeamReport report(OrganizationId organization, List<Profile> members) {
        TeamWindows windows = new TeamWindows(clock.instant());
        Set<ProfileId> ids = members.stream().map(Profile::id).collect(Collectors.toCollection(LinkedHashSet::new));
        Map<ProfileId, CsmWorkload> counted = ids.isEmpty() ? Map.of()
                : teams.workloads(organization, ids, windows,
                        policies.current(organization).policies().priority().labels()).stream()
                        .collect(Collectors.toMap(CsmWorkload::csm, Function.identity()));
        dev.orchestrator.core.domain.escalation.OrganizationSettings current = settings.settings(organization);
        Duration ackTarget = current.ackTarget();
        RebalancePolicy loadPolicy = RebalancePolicy.DEFAULTS.counted(current.rebalanceLoad());
        List<Member> lines = new ArrayList<>(members.size());
        for (Profile member : members.stream().sorted(java.util.Comparator.comparing(Profile::fullName)
                .thenComparing(p -> p.id().value())).toList()) {
            CsmWorkload workload = counted.getOrDefault(member.id(), CsmWorkload.none(member.id()));
            Optional<Duration> waited = workload.oldestEscalationSince().map(since -> Duration.between(since, windows.asOf()));
            long load = loadPolicy.load(workload.openByLabel());
            lines.add(new Member(new Person(member.id(), member.fullName()), workload, waited,
                    waited.map(w -> TeamWindows.breached(w, ackTarget)).orElse(false), member.capacity(), load,
                    Capacity.ratio(load, member.capacity())));
        }
        return new TeamReport(lines, windows.asOf(), ackTarget);
    }
}
