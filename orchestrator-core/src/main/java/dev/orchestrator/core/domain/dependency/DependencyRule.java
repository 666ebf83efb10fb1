package dev.orchestrator.core.domain.dependency;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The one "is blocked" rule. An execution whose work has not begun ({@link #BLOCKABLE}) is blocked by
 * a dependency of its definition when the same customer has an execution of the prerequisite in an
 * open status ({@link #BLOCKING}), or, for a dependency with {@code completedWithinDays}, when the
 * customer has no {@link #SATISFYING} execution of the prerequisite completed at or after
 * {@link #windowStart}. Underway work is never blocked: once a CSM has begun, the work is theirs.
 *
 * <p>The window counts back from the dependent's creation, not from today, so that availability
 * never changes with the passing of time alone: an execution becomes blocked when a prerequisite
 * opens and available when it closes, and nothing else. The production queue's SQL is derived from
 * these constants (the persistence adapter's {@code DependencySql}) and tested equal on random data.
 */
public final class DependencyRule {

    /** The statuses an execution can be blocked in: its work has not begun. */
    public static final Set<ExecutionStatus> BLOCKABLE = EnumSet.of(ExecutionStatus.NOT_STARTED, ExecutionStatus.SNOOZED);
    /** A prerequisite execution in one of these blocks its customer's dependents. */
    public static final Set<ExecutionStatus> BLOCKING = ExecutionStatus.ACTIVE;
    /** The status that satisfies a dependency with a window (a skip or an auto-close does not). */
    public static final ExecutionStatus SATISFYING = ExecutionStatus.COMPLETED;

    /** One execution of the same customer, as far as the rule looks at it. */
    public record Run(ExecutionId id, DefinitionId definition, ExecutionStatus status, Instant completedAt) {
        public Run {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(definition, "definition");
            Objects.requireNonNull(status, "status");
        }
    }

    private DependencyRule() {
    }

    /** The earliest completion that satisfies a window of {@code days} for a dependent created at {@code createdAt}. */
    public static Instant windowStart(Instant createdAt, int days) {
        return createdAt.minus(Duration.ofDays(days));
    }

    /**
     * What blocks an execution in {@code status}, created at {@code createdAt}, whose definition has
     * {@code dependencies}, given {@code runs}: the other executions of its customer (any status).
     * Empty when it is not blocked; otherwise one blocker per blocking dependency, in their order.
     */
    public static List<Blocker> blockers(ExecutionStatus status, Instant createdAt, List<Dependency> dependencies,
            Collection<Run> runs) {
        if (!BLOCKABLE.contains(status) || dependencies.isEmpty()) {
            return List.of();
        }
        List<Blocker> blockers = new ArrayList<>();
        for (Dependency d : dependencies) {
            blocker(d, createdAt, runs).ifPresent(blockers::add);
        }
        return List.copyOf(blockers);
    }

    /** True when {@link #blockers} is not empty. */
    public static boolean blocked(ExecutionStatus status, Instant createdAt, List<Dependency> dependencies,
            Collection<Run> runs) {
        return !blockers(status, createdAt, dependencies, runs).isEmpty();
    }

    /**
     * Whether the interpreter holds back a new execution of a definition with {@code dependencies}
     * at {@code now}: some dependency that says {@link WhileOpen#WAIT} would block it.
     */
    public static boolean waits(List<Dependency> dependencies, Collection<Run> runs, Instant now) {
        return waits(dependencies, runs, Set.of(), now);
    }

    /**
     * {@link #waits(List, Collection, Instant)} in an interpretation run that also creates executions of
     * {@code createdWithIt} for the same customer: those count as open prerequisites (they will be), so
     * that a dependent triggered together with its prerequisite waits for it too.
     */
    public static boolean waits(List<Dependency> dependencies, Collection<Run> runs, Set<DefinitionId> createdWithIt,
            Instant now) {
        for (Dependency d : dependencies) {
            if (d.whileOpen() == WhileOpen.WAIT
                    && (createdWithIt.contains(d.prerequisite()) || blocker(d, now, runs).isPresent())) {
                return true;
            }
        }
        return false;
    }

    private static java.util.Optional<Blocker> blocker(Dependency d, Instant createdAt, Collection<Run> runs) {
        boolean satisfied = d.completedWithinDays() == null;
        Instant from = satisfied ? null : windowStart(createdAt, d.completedWithinDays());
        for (Run r : runs) {
            if (!r.definition().equals(d.prerequisite())) {
                continue;
            }
            if (BLOCKING.contains(r.status())) {
                return java.util.Optional.of(new Blocker(d.prerequisite(), r.id(), d.completedWithinDays()));
            }
            if (!satisfied && r.status() == SATISFYING && r.completedAt() != null && !r.completedAt().isBefore(from)) {
                satisfied = true;
            }
        }
        return satisfied ? java.util.Optional.empty()
                : java.util.Optional.of(new Blocker(d.prerequisite(), null, d.completedWithinDays()));
    }
}
