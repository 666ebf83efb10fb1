package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.team.CsmWorkload;
import dev.orchestrator.core.domain.views.Person;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The team view: for a manager each of their reports, for an admin each CSM of the organization, with
 * their open work by label, what is underway, resurfacing soon, escalated, and closed lately. CSMs
 * (and integrations) have no team: forbidden.
 */
public interface ViewTeam {

    /** {@code csm} narrows the view to one member of the caller's team (not a member: not found). */
    Result<TeamReport> team(Profile caller, Optional<ProfileId> csm);

    /**
     * For operators (the CLI), who act with the database's authority rather than as a profile: the
     * reports of {@code manager} (in {@code organization} if given), or every CSM of {@code organization}.
     * One of the two is needed.
     */
    Result<TeamReport> operatorTeam(Optional<OrganizationId> organization, Optional<ProfileId> manager);

    /** Members by name then id. */
    /** @param ackTarget the organization's acknowledgement target, against which each member's oldest wait is judged */
    record TeamReport(List<Member> members, Instant asOf, Duration ackTarget) {
        public TeamReport {
            members = List.copyOf(members);
        }
    }

    /**
     * @param escalationBreached the oldest open escalation waited longer than the acknowledgement target
     * @param capacity the member's capacity (empty: unlimited)
     * @param load their open work as the organization counts load ({@code rebalance_load}: each open item
     *     one, or weighted by its label)
     * @param loadRatio load ÷ capacity (1.0 is full; empty when unlimited)
     */
    record Member(Person csm, CsmWorkload workload, Optional<Duration> oldestEscalationWait, boolean escalationBreached,
            OptionalInt capacity, long load, OptionalDouble loadRatio) {
    }
}
