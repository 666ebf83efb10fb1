package dev.orchestrator.core.domain.team;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.priority.PriorityLabel;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One CSM's line of the team view, as {@link TeamWindows} counts it. {@code openByLabel} has every
 * label (zero included) and sums to {@code open}; {@code oldestEscalationSince} is when the longest
 * waiting open escalation started waiting.
 */
public record CsmWorkload(ProfileId csm, Map<PriorityLabel, Long> openByLabel, long open, long underway,
        long resurfacingSoon, long escalationsOpen, Optional<Instant> oldestEscalationSince, long completedShort,
        long completedLong, long skippedShort, long skippedLong) {

    public CsmWorkload {
        Objects.requireNonNull(csm, "csm");
        EnumMap<PriorityLabel, Long> all = new EnumMap<>(PriorityLabel.class);
        for (PriorityLabel label : PriorityLabel.values()) {
            all.put(label, openByLabel.getOrDefault(label, 0L));
        }
        openByLabel = java.util.Collections.unmodifiableMap(all);
        Objects.requireNonNull(oldestEscalationSince, "oldestEscalationSince");
    }

    /** A CSM with nothing to count. */
    public static CsmWorkload none(ProfileId csm) {
        return new CsmWorkload(csm, Map.of(), 0, 0, 0, 0, Optional.empty(), 0, 0, 0, 0);
    }

    /** One execution with its last {@code escalate} event's time (null: none), as a tally reads it. */
    public record Counted(WorkflowExecution execution, Instant lastEscalated) {
    }

    /** The rules in Java: {@code csm}'s line over {@code rows} (any executions; others' are ignored). */
    public static CsmWorkload tally(ProfileId csm, Collection<Counted> rows, TeamWindows windows,
            PriorityPolicy.LabelThresholds labels) {
        EnumMap<PriorityLabel, Long> byLabel = new EnumMap<>(PriorityLabel.class);
        long open = 0, underway = 0, resurfacing = 0, escalations = 0;
        long completedShort = 0, completedLong = 0, skippedShort = 0, skippedLong = 0;
        Instant oldest = null;
        for (Counted row : rows) {
            WorkflowExecution e = row.execution();
            if (e.demo() || !e.assignedCsmId().equals(csm)) {
                continue;
            }
            if (TeamWindows.isOpen(e)) {
                open++;
                byLabel.merge(labels.labelFor(e.priorityScore()), 1L, Long::sum);
                underway += e.status() == ExecutionStatus.UNDERWAY ? 1 : 0;
                resurfacing += windows.resurfacesSoon(e) ? 1 : 0;
            }
            if (TeamWindows.isOpenEscalation(e)) {
                escalations++;
                Instant since = TeamWindows.escalationWaitStart(e, row.lastEscalated());
                oldest = oldest == null || since.isBefore(oldest) ? since : oldest;
            }
            Instant closed = TeamWindows.closedAt(e);
            if (closed != null && !closed.isBefore(windows.longWindowStart())) {
                boolean recent = !closed.isBefore(windows.shortWindowStart());
                if (e.status() == ExecutionStatus.COMPLETED) {
                    completedLong++;
                    completedShort += recent ? 1 : 0;
                } else {
                    skippedLong++;
                    skippedShort += recent ? 1 : 0;
                }
            }
        }
        return new CsmWorkload(csm, byLabel, open, underway, resurfacing, escalations, Optional.ofNullable(oldest),
                completedShort, completedLong, skippedShort, skippedLong);
    }
}
