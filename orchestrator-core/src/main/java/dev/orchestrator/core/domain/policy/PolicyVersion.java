package dev.orchestrator.core.domain.policy;

import dev.orchestrator.core.domain.ids.ProfileId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of an organization's policies. Versions count up from 1 per organization and are
 * never changed; the current one is the highest. Version {@value #BUILT_IN} is the standard
 * policies an organization has before any is applied: never stored, it has no author or time.
 */
public record PolicyVersion(long version, Policies policies, Optional<ProfileId> author, Optional<Instant> createdAt) {

    public static final long BUILT_IN = 0;

    public PolicyVersion {
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(createdAt, "createdAt");
        if (version < BUILT_IN) {
            throw new IllegalArgumentException("version must not be negative: " + version);
        }
    }

    /** The standard policies, as the version an organization without its own is on. */
    public static PolicyVersion builtIn() {
        return new PolicyVersion(BUILT_IN, Policies.STANDARD, Optional.empty(), Optional.empty());
    }

    /** A stored version. */
    public static PolicyVersion stored(long version, Policies policies, ProfileId author, Instant createdAt) {
        return new PolicyVersion(version, policies, Optional.of(author), Optional.of(createdAt));
    }
}
