package dev.orchestrator.core.domain.escalation;

import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.workload.AssignmentStrategy;
import dev.orchestrator.core.domain.workload.LoadCounting;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An organization's settings: how many hours an escalation may wait for its acknowledgement
 * ({@value #MIN_ACK_TARGET_HOURS}..{@value #MAX_ACK_TARGET_HOURS}; V28's column default and CHECK
 * hold the same numbers, and a test ties them); the assignment pool that customers without a CSM
 * get one from, and how ({@code AssignmentRule}; an empty pool: such customers wait for an admin);
 * how rebalancing counts a CSM's load.
 */
public record OrganizationSettings(int escalationAckTargetHours, List<ProfileId> assignmentPool,
        AssignmentStrategy assignmentStrategy, LoadCounting rebalanceLoad) {

    public static final int DEFAULT_ACK_TARGET_HOURS = 24;
    public static final int MIN_ACK_TARGET_HOURS = 1;
    public static final int MAX_ACK_TARGET_HOURS = 720;
    /** The most members a pool may have (a pool is a team, not the organization's directory). */
    public static final int MAX_POOL = 500;
    public static final OrganizationSettings DEFAULTS = new OrganizationSettings(DEFAULT_ACK_TARGET_HOURS);

    public OrganizationSettings {
        problem(escalationAckTargetHours).ifPresent(p -> {
            throw new IllegalArgumentException("escalation_ack_target_hours " + p);
        });
        assignmentPool = List.copyOf(assignmentPool);
        if (new LinkedHashSet<>(assignmentPool).size() != assignmentPool.size() || assignmentPool.size() > MAX_POOL) {
            throw new IllegalArgumentException("assignment_pool must hold distinct ids, at most " + MAX_POOL);
        }
        Objects.requireNonNull(assignmentStrategy, "assignmentStrategy");
        Objects.requireNonNull(rebalanceLoad, "rebalanceLoad");
    }

    /** The acknowledgement target with the other settings' defaults. */
    public OrganizationSettings(int escalationAckTargetHours) {
        this(escalationAckTargetHours, List.of(), AssignmentStrategy.LEAST_OPEN, LoadCounting.OPEN);
    }

    /** Why {@code hours} is no acknowledgement target, if it is not. */
    public static Optional<String> problem(long hours) {
        return hours < MIN_ACK_TARGET_HOURS || hours > MAX_ACK_TARGET_HOURS
                ? Optional.of("must be a whole number of hours from " + MIN_ACK_TARGET_HOURS + " to " + MAX_ACK_TARGET_HOURS)
                : Optional.empty();
    }

    public Duration ackTarget() {
        return Duration.ofHours(escalationAckTargetHours);
    }
}
