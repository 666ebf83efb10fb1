package dev.orchestrator.core.domain.workload;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.priority.PriorityLabel;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.team.TeamWindows;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rebalancing rules as data, the way {@link PriorityPolicy} holds the ranking's: which open
 * executions may move ({@link Rule#MOVABLE_STATUS}, {@link Rule#ESCALATION_STAYS}), how a CSM's load is
 * counted ({@link #counting}, {@link #labelWeights}), and whether a customer's items stay together
 * ({@link Rule#CUSTOMER_TOGETHER}). {@link RebalancePlanner} applies them; the SQL read
 * ({@code SqlRebalanceReads}) is derived from {@link #movableStatuses} and {@link #weight} and checked
 * against them by the RebalanceReads contract.
 *
 * @param movableStatuses the statuses an item may move in (the default: {@code not_started} only; work a
 *     CSM has started or snoozed is theirs)
 * @param escalatedMove whether an item with an open escalation may move (the default: no; someone is
 *     waiting on that CSM's answer)
 * @param labelWeights load points per open item by its label, with {@link LoadCounting#PRIORITY_WEIGHTED}
 */
public record RebalancePolicy(Set<ExecutionStatus> movableStatuses, boolean escalatedMove, LoadCounting counting,
        Map<PriorityLabel, Integer> labelWeights, boolean keepCustomersTogether) {

    /** The rules the planner applies, each named so that a move's reason and each test can name it. */
    public enum Rule {
        /** Only items in one of {@link #movableStatuses} move. */
        MOVABLE_STATUS,
        /** An item with an open escalation stays, unless {@link #escalatedMove}. */
        ESCALATION_STAYS,
        /** Load is {@link #counting} over the CSM's open production items. */
        LOAD_COUNTING,
        /** A CSM without a capacity (unlimited) neither gives nor takes work. */
        UNLIMITED_TAKES_NO_PART,
        /** Only a CSM whose load is above their capacity gives work, and only until it no longer is. */
        SOURCE_ABOVE_CAPACITY,
        /** A CSM takes work only while their load after the move stays within their capacity. */
        TARGET_WITHIN_CAPACITY,
        /** Work moves only between CSMs who report to the same manager (no manager: it does not move). */
        SAME_MANAGER,
        /** The lowest priority score moves first (ties: the lowest execution id). */
        LOWEST_PRIORITY_FIRST,
        /**
         * A customer's movable items at one CSM move together to one CSM; a customer whose other open
         * items stay (started, snoozed, escalated) moves only after every whole customer; a customer no
         * one has room for as a whole is split, item by item, as a last resort.
         */
        CUSTOMER_TOGETHER,
        /** Of the CSMs with room, the one already given this customer, else the least loaded (load ÷ capacity after the move; ties: the lowest id). */
        LEAST_LOADED_TARGET
    }

    public static final Map<PriorityLabel, Integer> DEFAULT_WEIGHTS = Collections.unmodifiableMap(new EnumMap<>(Map.of(
            PriorityLabel.CRITICAL, 4, PriorityLabel.HIGH, 3, PriorityLabel.MEDIUM, 2, PriorityLabel.LOW, 1)));

    public static final RebalancePolicy DEFAULTS = new RebalancePolicy(EnumSet.of(ExecutionStatus.NOT_STARTED), false,
            LoadCounting.OPEN, DEFAULT_WEIGHTS, true);

    public RebalancePolicy {
        Objects.requireNonNull(counting, "counting");
        if (movableStatuses.isEmpty() || movableStatuses.stream().anyMatch(ExecutionStatus::isTerminal)) {
            throw new IllegalArgumentException("movable statuses must be open statuses, at least one: " + movableStatuses);
        }
        movableStatuses = Collections.unmodifiableSet(EnumSet.copyOf(movableStatuses));
        EnumMap<PriorityLabel, Integer> weights = new EnumMap<>(PriorityLabel.class);
        for (PriorityLabel label : PriorityLabel.values()) {
            Integer w = labelWeights.get(label);
            if (w == null || w < 1 || w > 100) {
                throw new IllegalArgumentException("weight of " + label + " must be 1..100, got " + w);
            }
            weights.put(label, w);
        }
        labelWeights = Collections.unmodifiableMap(weights);
    }

    /** The defaults, counting load as {@code counting} (the organization's setting). */
    public RebalancePolicy counted(LoadCounting how) {
        return new RebalancePolicy(movableStatuses, escalatedMove, how, labelWeights, keepCustomersTogether);
    }

    /** {@link Rule#MOVABLE_STATUS} and {@link Rule#ESCALATION_STAYS}: whether an open item may move. */
    public boolean movable(ExecutionStatus status, boolean openEscalation) {
        return movableStatuses.contains(status) && (escalatedMove || !openEscalation);
    }

    /** {@link Rule#LOAD_COUNTING}: the load points of one open item with this score. */
    public int weight(int priorityScore, PriorityPolicy.LabelThresholds labels) {
        return counting == LoadCounting.OPEN ? 1 : labelWeights.get(labels.labelFor(priorityScore));
    }

    /** {@link Rule#LOAD_COUNTING} over a CSM's open items counted by label (the team view's counts). */
    public long load(Map<PriorityLabel, Long> openByLabel) {
        long load = 0;
        for (Map.Entry<PriorityLabel, Long> e : openByLabel.entrySet()) {
            load += e.getValue() * (counting == LoadCounting.OPEN ? 1 : labelWeights.get(e.getKey()));
        }
        return load;
    }

    /**
     * {@link Rule#LOAD_COUNTING} in Java over any executions: the load of each of {@code csms} that has
     * open production work (the reference the SQL read is checked against).
     */
    public Map<ProfileId, Long> loads(Collection<WorkflowExecution> executions, Set<ProfileId> csms,
            PriorityPolicy.LabelThresholds labels) {
        Map<ProfileId, Long> loads = new HashMap<>();
        for (WorkflowExecution e : executions) {
            if (!e.demo() && TeamWindows.isOpen(e) && csms.contains(e.assignedCsmId())) {
                loads.merge(e.assignedCsmId(), (long) weight(e.priorityScore(), labels), Long::sum);
            }
        }
        return loads;
    }

    /**
     * The movable items of the CSMs above their capacity, in Java over any executions (the reference
     * for the SQL read), {@code customerStays} set where the same customer has open items with that CSM
     * that may not move.
     */
    public List<RebalancePlanner.Candidate> candidates(Collection<WorkflowExecution> executions,
            Map<ProfileId, Integer> capacities, PriorityPolicy.LabelThresholds labels,
            Function<CustomerId, String> customerNames) {
        Map<ProfileId, Long> loads = loads(executions, capacities.keySet(), labels);
        Set<ProfileId> above = new HashSet<>();
        loads.forEach((csm, load) -> {
            if (load > capacities.get(csm)) {
                above.add(csm);
            }
        });
        List<WorkflowExecution> open = executions.stream().filter(e -> !e.demo() && TeamWindows.isOpen(e)
                && above.contains(e.assignedCsmId())).toList();
        Set<List<Object>> staying = new HashSet<>();
        for (WorkflowExecution e : open) {
            if (!movable(e.status(), TeamWindows.isOpenEscalation(e))) {
                staying.add(List.of(e.assignedCsmId(), e.customerId()));
            }
        }
        List<RebalancePlanner.Candidate> out = new ArrayList<>();
        for (WorkflowExecution e : open) {
            if (movable(e.status(), TeamWindows.isOpenEscalation(e))) {
                out.add(new RebalancePlanner.Candidate(e.id(), e.customerId(), customerNames.apply(e.customerId()),
                        e.assignedCsmId(), e.priorityScore(), e.version(),
                        staying.contains(List.of(e.assignedCsmId(), e.customerId()))));
            }
        }
        return out;
    }
}
