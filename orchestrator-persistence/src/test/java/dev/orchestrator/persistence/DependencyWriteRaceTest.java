package dev.orchestrator.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.out.CatalogLoader;
import dev.orchestrator.core.application.port.out.CatalogWrites;
import dev.orchestrator.core.application.port.out.CatalogWrites.Outcome;
import dev.orchestrator.core.domain.catalog.Problem;
import dev.orchestrator.core.domain.dependency.Dependency;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.core.testing.World;
import dev.orchestrator.persistence.testing.PooledPostgresFixture;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two admins adding A → B and B → A at the same time: the core checks each write for a cycle against
 * the dependencies it read, and each passes. Writes of one organization's {@code depends_on} are
 * serialized on PostgreSQL (an advisory lock per organization) and checked again under the lock, so the
 * second waits for the first and is then refused with the cycle named.
 */
class DependencyWriteRaceTest {

    @RegisterExtension
    static final PooledPostgresFixture DATABASE = new PooledPostgresFixture();

    private static final Instant NOW = Instant.parse("2026-03-10T06:00:00Z");
    private static final CatalogWrites.Scoring SCORING = new CatalogWrites.Scoring(PriorityPolicy.STANDARD,
            SignalPolicy.STANDARD, LocalDate.of(2026, 3, 10), NOW);

    @Test
    void theSecondOfTwoOppositeEdgesWaitsForTheFirstAndIsRefusedWithTheCycleNamed() throws Exception {
        PortsFixture fixture = DATABASE.newFixture();
        World world = new World(fixture);
        WorkflowDefinition review = world.definition(WorkflowType.STRATEGIC, 700, Map.of(), false);
        WorkflowDefinition play = world.definition(WorkflowType.OPPORTUNITY, 800, Map.of(), false);
        World elsewhere = new World(fixture);
        WorkflowDefinition theirs = elsewhere.definition(WorkflowType.STRATEGIC, 700, Map.of(), false);

        // The first admin's write of "review waits for play" (an import, say): written, not yet committed.
        CompletableFuture<Outcome> second;
        try (CatalogLoader.Session first = fixture.ports().catalogLoader().begin(NOW)) {
            assertThat(first.definitions(List.of(new CatalogLoader.Located<>("definitions[0]",
                    review.withDependsOn(List.of(Dependency.on(play.id()))))))).isEmpty();

            // The second admin's "play waits for review", whose check read no edge back: it must wait.
            second = CompletableFuture.supplyAsync(() -> fixture.ports().catalogWrites().saveDefinition(
                    play.withDependsOn(List.of(Dependency.on(review.id()))), OptionalLong.empty(), SCORING));
            // Another organization's depends_on is not held up by this one's.
            assertThat(fixture.ports().catalogWrites().saveDefinition(theirs.withDependsOn(List.of()),
                    OptionalLong.empty(), SCORING)).isInstanceOf(Outcome.Saved.class);
            Thread.sleep(500);
            assertThat(second).as("the second writer waits for the first").isNotDone();
            first.commit();
        }

        Outcome outcome = second.get(30, TimeUnit.SECONDS);
        assertThat(outcome).isEqualTo(new Outcome.Refused(new Problem("depends_on",
                "would make a cycle: " + play.name() + " → " + review.name() + " → " + play.name())));
        assertThat(fixture.ports().catalogOwners().storedDependencies(world.org))
                .as("only the first edge is stored").isEqualTo(Map.of(review.id(), List.of(play.id())));
    }
}
