package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.port.out.DependencyBlocks;
import dev.orchestrator.core.domain.dependency.BlockedBy;
import dev.orchestrator.core.domain.dependency.Blocker;
import dev.orchestrator.core.domain.dependency.Dependency;
import dev.orchestrator.core.domain.dependency.DependencyRule;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.DefinitionId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** One execution's blockers by {@link DependencyRule}, named: for {@code start} (409) and the detail ({@code blocked_by}). */
final class Blocking {

    private final DependencyBlocks blocks;
    /** The dependencies of a definition (of the execution's organization). */
    private final Function<WorkflowExecution, List<DependencyBlocks.Named>> dependenciesOf;

    Blocking(DependencyBlocks blocks) {
        this(blocks, execution -> blocks.dependenciesOf(execution.organizationId(), execution.definitionId()));
    }

    private Blocking(DependencyBlocks blocks, Function<WorkflowExecution, List<DependencyBlocks.Named>> dependenciesOf) {
        this.blocks = blocks;
        this.dependenciesOf = dependenciesOf;
    }

    /**
     * The same rule, reading each definition's dependencies once (a bulk call's thousand items are of a
     * few definitions): thread-safe, for the items of one call in one organization only. A definition's
     * dependencies edited meanwhile are seen by the next call, as a single call started before the edit
     * would not see it either.
     */
    Blocking oncePerDefinition() {
        Map<DefinitionId, List<DependencyBlocks.Named>> read = new ConcurrentHashMap<>();
        // computeIfAbsent: the items running side by side that need the same definition wait for its one read.
        return new Blocking(blocks, execution -> read.computeIfAbsent(execution.definitionId(),
                definition -> List.copyOf(dependenciesOf.apply(execution))));
    }

    List<BlockedBy> of(WorkflowExecution execution) {
        if (!DependencyRule.BLOCKABLE.contains(execution.status())) {
            return List.of();
        }
        List<DependencyBlocks.Named> named = dependenciesOf.apply(execution);
        if (named.isEmpty()) {
            return List.of();
        }
        Map<DefinitionId, String> names = new HashMap<>();
        List<Dependency> dependencies = new ArrayList<>();
        for (DependencyBlocks.Named n : named) {
            names.put(n.dependency().prerequisite(), n.prerequisiteName());
            dependencies.add(n.dependency());
        }
        List<DependencyRule.Run> runs = blocks.runs(execution.organizationId(), execution.customerId(), names.keySet());
        List<BlockedBy> blockedBy = new ArrayList<>();
        for (Blocker b : DependencyRule.blockers(execution.status(), execution.createdAt(), dependencies, runs)) {
            blockedBy.add(new BlockedBy(b, names.get(b.prerequisite())));
        }
        return List.copyOf(blockedBy);
    }
}
