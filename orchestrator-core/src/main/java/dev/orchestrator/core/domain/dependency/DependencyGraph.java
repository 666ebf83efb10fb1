package dev.orchestrator.core.domain.dependency;

import dev.orchestrator.core.domain.ids.DefinitionId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The "depends on" graph of one organization's definitions. A cycle would block its members for
 * ever (each waiting for the other), so writes that would make one are refused, naming it.
 */
public final class DependencyGraph {

    private DependencyGraph() {
    }

    /**
     * A cycle of {@code graph} (definition → its prerequisites), as the definitions met along it with
     * the first repeated at the end ({@code A, B, A}); empty when there is none. Definitions are
     * visited in the map's iteration order, so a caller that wants the cycle through a particular
     * definition puts it first.
     */
    public static Optional<List<DefinitionId>> cycle(Map<DefinitionId, List<DefinitionId>> graph) {
        Map<DefinitionId, Integer> state = new HashMap<>(); // absent: unvisited, 1: on the path, 2: done
        for (DefinitionId start : graph.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            List<DefinitionId> path = new ArrayList<>();
            Optional<List<DefinitionId>> found = visit(start, graph, state, path);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<DefinitionId>> visit(DefinitionId node, Map<DefinitionId, List<DefinitionId>> graph,
            Map<DefinitionId, Integer> state, List<DefinitionId> path) {
        state.put(node, 1);
        path.add(node);
        for (DefinitionId next : graph.getOrDefault(node, List.of())) {
            Integer s = state.get(next);
            if (s == null) {
                Optional<List<DefinitionId>> found = visit(next, graph, state, path);
                if (found.isPresent()) {
                    return found;
                }
            } else if (s == 1) {
                List<DefinitionId> cycle = new ArrayList<>(path.subList(path.indexOf(next), path.size()));
                cycle.add(next);
                return Optional.of(List.copyOf(cycle));
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return Optional.empty();
    }
}
