package dev.orchestrator.core.domain.escalation;

import java.time.Duration;
import java.util.Optional;

/**
 * An organization's settings: how many hours an escalation may wait for its acknowledgement
 * ({@value #MIN_ACK_TARGET_HOURS}..{@value #MAX_ACK_TARGET_HOURS}; V28's column default and CHECK
 * hold the same numbers, and a test ties them).
 */
public record OrganizationSettings(int escalationAckTargetHours) {

    public static final int DEFAULT_ACK_TARGET_HOURS = 24;
    public static final int MIN_ACK_TARGET_HOURS = 1;
    public static final int MAX_ACK_TARGET_HOURS = 720;
    public static final OrganizationSettings DEFAULTS = new OrganizationSettings(DEFAULT_ACK_TARGET_HOURS);

    public OrganizationSettings {
        problem(escalationAckTargetHours).ifPresent(p -> {
            throw new IllegalArgumentException("escalation_ack_target_hours " + p);
        });
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
