package dev.orchestrator.core.domain.dependency;

import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;

/**
 * Why an execution is blocked by one of its definition's dependencies: the customer's open
 * execution of the prerequisite ({@code blockingExecution}), or, for a dependency with a window,
 * no completion of the prerequisite in it ({@code blockingExecution} null).
 */
public record Blocker(DefinitionId prerequisite, ExecutionId blockingExecution, Integer completedWithinDays) {

    /** True when an open execution of the prerequisite blocks (rather than a missing recent completion). */
    public boolean open() {
        return blockingExecution != null;
    }

    /** The reason in words, without the prerequisite's name (the caller knows it). */
    public String reason() {
        return open() ? "its execution " + blockingExecution + " is still open"
                : "it was not completed within " + completedWithinDays + " days before this execution was created";
    }
}
