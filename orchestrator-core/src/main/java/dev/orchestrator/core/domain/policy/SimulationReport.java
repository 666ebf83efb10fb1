package dev.orchestrator.core.domain.policy;

import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.priority.PriorityLabel;
import java.util.List;
import java.util.Objects;

/**
 * What applying candidate policies would do, computed without writing: for each CSM in scope the
 * top N of the queue before (the current policies and definitions, today) and after (the candidate
 * policies and changed definitions, today); for each definition how many executions the signal
 * interpretation would create now and the next auto-close would close, under each; and the open
 * executions per label before and after.
 */
public record SimulationReport(int topN, List<CsmQueue> csms, List<DefinitionImpact> definitions,
        List<LabelTotal> labels) {

    public SimulationReport {
        csms = List.copyOf(csms);
        definitions = List.copyOf(definitions);
        labels = List.copyOf(labels);
    }

    /**
     * One open execution in a top N before or after, with both scores and both ranks (1 = first in
     * the CSM's queue; queue order: score, then oldest, then id), and the names a person reads it by.
     */
    public record RankedItem(ExecutionId execution, CustomerId customer, DefinitionId definition, int scoreBefore,
            int scoreAfter, long rankBefore, long rankAfter, String customerName, String definitionName) {

        /** Places it moves up (negative: down). */
        public long rankMove() {
            return rankBefore - rankAfter;
        }
    }

    /** One CSM's queue: its items within the top N before or after, and what enters and leaves it. */
    public record CsmQueue(ProfileId csm, List<RankedItem> items, int topN) {

        public CsmQueue {
            Objects.requireNonNull(csm, "csm");
            items = List.copyOf(items);
        }

        public List<RankedItem> topBefore() {
            return items.stream().filter(i -> i.rankBefore() <= topN)
                    .sorted(java.util.Comparator.comparingLong(RankedItem::rankBefore)).toList();
        }

        public List<RankedItem> topAfter() {
            return items.stream().filter(i -> i.rankAfter() <= topN)
                    .sorted(java.util.Comparator.comparingLong(RankedItem::rankAfter)).toList();
        }

        public List<RankedItem> entering() {
            return topAfter().stream().filter(i -> i.rankBefore() > topN).toList();
        }

        public List<RankedItem> leaving() {
            return topBefore().stream().filter(i -> i.rankAfter() > topN).toList();
        }

        /** Items in the top N both before and after whose rank changes. */
        public List<RankedItem> moved() {
            return topAfter().stream().filter(i -> i.rankBefore() <= topN && i.rankMove() != 0).toList();
        }
    }

    /**
     * For one definition: how many executions the signal interpretation would create now, and how many of
     * its open signal-created executions the next daily run's auto-close would close (signals as they are),
     * under the current policies and definitions and under the candidates.
     */
    public record DefinitionImpact(DefinitionId definition, String name, long createdBefore, long createdAfter,
            long closedBefore, long closedAfter) {
    }

    /** Open executions with this label, under each policy. */
    public record LabelTotal(PriorityLabel label, long before, long after) {
    }
}
