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

/** One execution's blockers by {@link DependencyRule}, named: for {@code start} (409) and the detail ({@code blocked_by}). */
final class Blocking {

    private final DependencyBlocks blocks;

    Blocking(DependencyBlocks blocks) {
        this.blocks = blocks;
    }

    List<BlockedBy> of(WorkflowExecution execution) {
        if (!DependencyRule.BLOCKABLE.contains(execution.status())) {
            return List.of();
        }
        List<DependencyBlocks.Named> named = blocks.dependenciesOf(execution.organizationId(), execution.definitionId());
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
