package dev.orchestrator.core.domain.dependency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DependencyRuleTest {

    private static final Instant CREATED = Instant.parse("2026-03-10T09:00:00Z");
    private static final DefinitionId P = new DefinitionId(new UUID(0, 1));
    private static final DefinitionId Q = new DefinitionId(new UUID(0, 2));
    private static final DefinitionId R = new DefinitionId(new UUID(0, 3));

    private static DependencyRule.Run run(int n, DefinitionId d, ExecutionStatus status, Instant completedAt) {
        return new DependencyRule.Run(new ExecutionId(new UUID(1, n)), d, status, completedAt);
    }

    @Test
    void anOpenPrerequisiteBlocksWorkNotBegunAndNamesItsExecution() {
        for (ExecutionStatus open : ExecutionStatus.ACTIVE) {
            DependencyRule.Run prerequisite = run(1, P, open, null);
            assertThat(DependencyRule.blockers(ExecutionStatus.NOT_STARTED, CREATED, List.of(Dependency.on(P)),
                    List.of(prerequisite))).containsExactly(new Blocker(P, prerequisite.id(), null));
            assertThat(DependencyRule.blocked(ExecutionStatus.SNOOZED, CREATED, List.of(Dependency.on(P)),
                    List.of(prerequisite))).isTrue();
            assertThat(DependencyRule.blocked(ExecutionStatus.UNDERWAY, CREATED, List.of(Dependency.on(P)),
                    List.of(prerequisite))).as("begun work is never blocked").isFalse();
        }
    }

    @Test
    void withoutAWindowAClosedOrMissingPrerequisiteDoesNotBlock() {
        assertThat(DependencyRule.blocked(ExecutionStatus.NOT_STARTED, CREATED, List.of(Dependency.on(P)), List.of()))
                .isFalse();
        assertThat(DependencyRule.blocked(ExecutionStatus.NOT_STARTED, CREATED, List.of(Dependency.on(P)),
                List.of(run(1, P, ExecutionStatus.SKIPPED, null), run(2, Q, ExecutionStatus.NOT_STARTED, null)))).isFalse();
    }

    @Test
    void aWindowNeedsACompletionNoMoreThanItsDaysBeforeTheDependentWasCreatedOrAnyTimeSince() {
        Dependency within30 = new Dependency(P, 30, WhileOpen.CREATE);
        Instant start = CREATED.minus(Duration.ofDays(30));
        assertThat(DependencyRule.windowStart(CREATED, 30)).isEqualTo(start);
        Map<Instant, Boolean> satisfies = new LinkedHashMap<>();
        satisfies.put(start, true);
        satisfies.put(start.minusSeconds(1), false);
        satisfies.put(CREATED.plus(Duration.ofDays(400)), true);
        satisfies.forEach((completedAt, ok) -> assertThat(DependencyRule.blocked(ExecutionStatus.NOT_STARTED, CREATED,
                List.of(within30), List.of(run(1, P, ExecutionStatus.COMPLETED, completedAt))))
                .as("completed at %s", completedAt).isEqualTo(!ok));
        assertThat(DependencyRule.blockers(ExecutionStatus.NOT_STARTED, CREATED, List.of(within30), List.of()))
                .as("never completed").containsExactly(new Blocker(P, null, 30));
        assertThat(DependencyRule.blocked(ExecutionStatus.NOT_STARTED, CREATED, List.of(within30),
                List.of(run(1, P, ExecutionStatus.SKIPPED, CREATED)))).as("a skip is no completion").isTrue();
        assertThat(DependencyRule.blockers(ExecutionStatus.NOT_STARTED, CREATED, List.of(within30),
                List.of(run(1, P, ExecutionStatus.COMPLETED, CREATED), run(2, P, ExecutionStatus.UNDERWAY, null))))
                .as("an open one blocks even after a recent completion")
                .containsExactly(new Blocker(P, new ExecutionId(new UUID(1, 2)), 30));
    }

    @Test
    void eachBlockingDependencyIsOneBlockerInTheDefinitionsOrder() {
        List<Dependency> dependencies = List.of(Dependency.on(Q), Dependency.on(R), new Dependency(P, 7, WhileOpen.WAIT));
        List<DependencyRule.Run> runs = List.of(run(1, P, ExecutionStatus.NOT_STARTED, null),
                run(2, Q, ExecutionStatus.SNOOZED, null), run(3, R, ExecutionStatus.COMPLETED, CREATED));
        assertThat(DependencyRule.blockers(ExecutionStatus.NOT_STARTED, CREATED, dependencies, runs))
                .extracting(Blocker::prerequisite).containsExactly(Q, P);
    }

    @Test
    void theInterpreterWaitsOnlyForDependenciesThatSaySo() {
        List<DependencyRule.Run> open = List.of(run(1, P, ExecutionStatus.NOT_STARTED, null));
        assertThat(DependencyRule.waits(List.of(new Dependency(P, null, WhileOpen.WAIT)), open, CREATED)).isTrue();
        assertThat(DependencyRule.waits(List.of(Dependency.on(P)), open, CREATED)).isFalse();
        assertThat(DependencyRule.waits(List.of(new Dependency(P, null, WhileOpen.WAIT)), List.of(), CREATED)).isFalse();
        assertThat(DependencyRule.waits(List.of(new Dependency(P, 10, WhileOpen.WAIT)),
                List.of(run(1, P, ExecutionStatus.COMPLETED, CREATED.minus(Duration.ofDays(11)))), CREATED))
                .as("the last completion is too old").isTrue();
        assertThat(DependencyRule.waits(List.of(new Dependency(P, null, WhileOpen.WAIT)), List.of(),
                java.util.Set.of(P), CREATED)).as("a prerequisite created in the same run").isTrue();
        assertThat(DependencyRule.waits(List.of(Dependency.on(P)), List.of(), java.util.Set.of(P), CREATED)).isFalse();
    }

    @Test
    void cyclesAreFoundAndNamedFromTheFirstDefinition() {
        Map<DefinitionId, List<DefinitionId>> graph = new LinkedHashMap<>();
        graph.put(P, List.of(Q));
        graph.put(Q, List.of(R));
        graph.put(R, List.of());
        assertThat(DependencyGraph.cycle(graph)).isEmpty();
        graph.put(R, List.of(P));
        assertThat(DependencyGraph.cycle(graph)).contains(List.of(P, Q, R, P));
        Map<DefinitionId, List<DefinitionId>> diamond = new LinkedHashMap<>();
        diamond.put(P, List.of(Q, R));
        diamond.put(Q, List.of(R));
        assertThat(DependencyGraph.cycle(diamond)).as("shared prerequisites are no cycle").isEmpty();
    }
}
