package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.team.CsmWorkload;
import dev.orchestrator.core.domain.team.TeamWindows;
import java.util.List;
import java.util.Set;

/**
 * Reads the team view: each CSM's counts. Implementations must give exactly what
 * {@link CsmWorkload#tally} gives over the organization's executions (TeamViewsContract), in one query.
 */
public interface TeamViews {

    /**
     * The line of each of {@code csms} that has anything to count, in no particular order (the others
     * are {@link CsmWorkload#none}).
     */
    List<CsmWorkload> workloads(OrganizationId organizationId, Set<ProfileId> csms, TeamWindows windows,
            PriorityPolicy.LabelThresholds labels);
}
