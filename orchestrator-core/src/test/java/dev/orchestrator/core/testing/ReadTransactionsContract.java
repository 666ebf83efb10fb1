package dev.orchestrator.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrator.core.application.OutboundPorts;
import dev.orchestrator.core.application.port.out.ReadTransactions;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.views.ExecutionFilter;
import dev.orchestrator.core.domain.views.ListSort;
import dev.orchestrator.core.domain.views.Visibility;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@code ReadTransactions}: reads run together see exactly what they see one by one, the
 * result and any exception come back unchanged, a failed unit leaves the next one working, and a nested
 * unit joins the outer one.
 */
public abstract class ReadTransactionsContract extends PortContract {

    private ReadTransactions reads() {
        return fixture.ports().reads();
    }

    @Test
    void readsTogetherSeeWhatTheySeeAlone() {
        OutboundPorts ports = fixture.ports();
        var definition = world.definition(WorkflowType.RISK, 600, Map.of(), false);
        for (int i = 0; i < 3; i++) {
            world.execution(definition, world.customer(world.csm, null), world.csm, ExecutionStatus.NOT_STARTED, 40 + i,
                    World.T0.plusSeconds(i));
        }
        Visibility team = new Visibility.AssignedTo(Set.of(world.csm.id(), world.teammate.id()));
        PriorityPolicy.LabelThresholds labels = PriorityPolicy.STANDARD.labels();
        List<Object> alone = List.of(ports.profiles().reportsOf(world.org, world.manager.id()),
                ports.views().list(world.org, team, ExecutionFilter.NONE, labels, ListSort.DEFAULT, Optional.empty(), 10),
                ports.views().countUpTo(world.org, team, ExecutionFilter.NONE, labels, 1_001),
                ports.settings().settings(world.org));
        List<Object> together = reads().together(() -> List.of(ports.profiles().reportsOf(world.org, world.manager.id()),
                ports.views().list(world.org, team, ExecutionFilter.NONE, labels, ListSort.DEFAULT, Optional.empty(), 10),
                ports.views().countUpTo(world.org, team, ExecutionFilter.NONE, labels, 1_001),
                ports.settings().settings(world.org)));
        assertThat(together).isEqualTo(alone);
        assertThat((Long) together.get(2)).isEqualTo(3L);
    }

    @Test
    void theResultAndAnyExceptionComeBackUnchanged() {
        Optional<Profile> found = reads().together(() -> fixture.ports().profiles().findProfile(world.org, world.csm.id()));
        assertThat(found).contains(world.csm);
        IllegalStateException thrown = new IllegalStateException("a use case's own failure");
        assertThatThrownBy(() -> reads().together(() -> {
            fixture.ports().profiles().findProfile(world.org, world.csm.id());
            throw thrown;
        })).isSameAs(thrown);
        // the failed unit left nothing behind: the next one reads as before
        assertThat(reads().together(() -> fixture.ports().profiles().findProfile(world.org, world.admin.id())))
                .contains(world.admin);
        assertThat(reads().<Object>together(() -> null)).isNull();
    }

    @Test
    void aNestedUnitJoinsTheOuterOne() {
        List<Optional<Profile>> both = reads().together(() -> List.of(
                fixture.ports().profiles().findProfile(world.org, world.manager.id()),
                reads().together(() -> fixture.ports().profiles().findProfile(world.org, world.teammate.id()))));
        assertThat(both).containsExactly(Optional.of(world.manager), Optional.of(world.teammate));
        assertThat(reads().together(() -> fixture.ports().profiles().findProfile(world.org,
                ProfileId.of(world.nextUuid())))).isEmpty();
    }
}
