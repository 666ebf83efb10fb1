package dev.orchestrator.core.domain.dependency;

import dev.orchestrator.core.domain.ids.DefinitionId;
import java.util.Objects;

/**
 * One prerequisite of a workflow definition: executions of the dependent definition are blocked
 * while the same customer has an open execution of {@code prerequisite}; with
 * {@code completedWithinDays} set, also until an execution of it was completed no more than that
 * many days before the dependent execution was created (or at any time since). The rule itself is
 * {@link DependencyRule}'s.
 *
 * @param completedWithinDays null: only an open prerequisite blocks
 */
public record Dependency(DefinitionId prerequisite, Integer completedWithinDays, WhileOpen whileOpen) {

    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 3650;

    public Dependency {
        Objects.requireNonNull(prerequisite, "prerequisite");
        whileOpen = whileOpen == null ? WhileOpen.CREATE : whileOpen;
        if (completedWithinDays != null && (completedWithinDays < MIN_DAYS || completedWithinDays > MAX_DAYS)) {
            throw new IllegalArgumentException("completedWithinDays must be between " + MIN_DAYS + " and " + MAX_DAYS);
        }
    }

    /** Blocked only while the prerequisite is open; the dependent is created at once. */
    public static Dependency on(DefinitionId prerequisite) {
        return new Dependency(prerequisite, null, WhileOpen.CREATE);
    }
}
