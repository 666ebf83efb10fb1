package dev.orchestrator.core.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.in.ViewQueue;
import dev.orchestrator.core.application.port.out.PolicyVersions;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.lifecycle.Transition;
import dev.orchestrator.core.domain.policy.Policies;
import dev.orchestrator.core.domain.policy.PolicyWire;
import dev.orchestrator.core.domain.queue.QueueMode;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.core.testing.InMemoryPorts;
import dev.orchestrator.core.testing.MutableClock;
import dev.orchestrator.core.testing.SequentialIds;
import dev.orchestrator.core.testing.World;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Every reader of the policies uses the organization's current version: the daily recompute and
 * interpretation over all organizations, a transition's re-score, the queue's explanation; another
 * organization stays on the standard policies.
 */
class OrganizationPoliciesTest {

    private final InMemoryPorts store = new InMemoryPorts(new SequentialIds(3));
    private final MutableClock clock = new MutableClock(World.T0);
    private final Orchestrator orchestrator = new Orchestrator(store.ports(), clock);
    private final World ours = new World(store);
    private final World theirs = new World(store);

    /** Churn risk counts for renewals too, 40 points a point; risk triggers from a risk score of 3 need 2 rules. */
    private Map<String, Object> renewalsAtRisk() {
        Map<String, Object> priority = new LinkedHashMap<>(PolicyWire.write(Policies.STANDARD.priority()));
        priority.put("churn_risk_types", List.of("risk", "renewal"));
        priority.put("churn_risk_points_per_point", 40);
        Map<String, Object> signals = new LinkedHashMap<>(PolicyWire.write(Policies.STANDARD.signals()));
        signals.put("risk_rules", List.of(Map.of("kind", "value_of", "name", "churn_doubled", "field",
                "churn_risk_score"), Map.of("kind", "value_of", "name", "churn_again", "field", "churn_risk_score")));
        signals.put("max_score", 10);
        return Map.of("priority_policy", priority, "signal_policy", signals);
    }

    @Test
    void everyScoringPathUsesTheOrganizationsCurrentVersion() {
        WorkflowDefinition renewal = ours.definition(WorkflowType.RENEWAL, 600, Map.of(), false);
        WorkflowDefinition theirRenewal = theirs.definition(WorkflowType.RENEWAL, 600, Map.of(), false);
        // Triggers at a risk score of 8: churn 4 reaches it only under our doubled rule.
        WorkflowDefinition riskTrigger = ours.definition(WorkflowType.RISK, 900, Map.of("risk_score_min", 8), false);
        WorkflowDefinition theirTrigger = theirs.definition(WorkflowType.RISK, 900, Map.of("risk_score_min", 8), false);
        Customer mine = ours.customer(ours.csm, World.signals(3, 4, 50));
        Customer other = theirs.customer(theirs.csm, World.signals(3, 4, 50));
        WorkflowExecution open = ours.execution(renewal, mine, ours.csm, ExecutionStatus.NOT_STARTED, 1, World.T0);
        WorkflowExecution theirOpen = theirs.execution(theirRenewal, other, theirs.csm, ExecutionStatus.NOT_STARTED, 1,
                World.T0);

        PolicyVersions.Applied applied = orchestrator.managePolicies()
                .apply(ours.admin, renewalsAtRisk(), OptionalLong.empty()).orElseThrow();
        assertThat(applied.version().version()).isEqualTo(1);
        int ourScore = 600 + 3 * 5 + 4 * 40;
        assertThat(stored(open).priorityScore()).isEqualTo(ourScore);
        assertThat(store.storedExecution(theirs.org, theirOpen.id()).orElseThrow().priorityScore()).isEqualTo(1);

        // The daily steps over every organization: each with its own policies.
        assertThat(orchestrator.recomputePriorities().recompute(Optional.empty()).examined()).isEqualTo(2);
        assertThat(stored(open).priorityScore()).isEqualTo(ourScore);
        assertThat(store.storedExecution(theirs.org, theirOpen.id()).orElseThrow().priorityScore()).isEqualTo(615);
        var created = orchestrator.interpretSignals().interpret(Optional.empty()).created();
        assertThat(created).extracting(c -> c.definitionId()).containsExactly(riskTrigger.id());
        assertThat(theirTrigger).isNotNull();

        // A transition re-scores with our version; the queue explains it with our version's lines.
        orchestrator.transitionExecution().transition(ours.csm, open.id(), new Transition.Start(), null).orElseThrow();
        assertThat(stored(open).priorityScore()).isEqualTo(ourScore);
        List<ViewQueue.QueueItem> queue = orchestrator.viewQueue()
                .queue(ours.csm, new ViewQueue.Query(Optional.empty(), QueueMode.PRODUCTION, 10)).orElseThrow();
        ViewQueue.QueueItem item = queue.stream().filter(q -> q.entry().execution().id().equals(open.id())).findFirst()
                .orElseThrow();
        assertThat(item.priority().value()).isEqualTo(ourScore);
        assertThat(item.priority().explanation().stream().mapToInt(c -> c.points()).sum()).isEqualTo(ourScore);
    }

    @Test
    void aBadDocumentOrAStaleVersionWritesNothing() {
        Map<String, Object> bad = new LinkedHashMap<>(renewalsAtRisk());
        bad.put("colour", "red");
        assertThat(orchestrator.managePolicies().apply(ours.admin, bad, OptionalLong.empty()))
                .isInstanceOf(Result.Err.class);
        assertThat(orchestrator.managePolicies().apply(ours.csm, renewalsAtRisk(), OptionalLong.empty()))
                .isInstanceOfSatisfying(Result.Err.class, e -> assertThat(e.failure()).isInstanceOf(Failure.Forbidden.class));
        assertThat(orchestrator.managePolicies().apply(ours.admin, renewalsAtRisk(), OptionalLong.of(4)))
                .isInstanceOfSatisfying(Result.Err.class, e -> assertThat(e.failure()).isInstanceOf(Failure.Stale.class));
        assertThat(orchestrator.managePolicies().history(ours.admin).orElseThrow()).isEmpty();
    }

    private WorkflowExecution stored(WorkflowExecution execution) {
        return store.storedExecution(ours.org, execution.id()).orElseThrow();
    }
}
