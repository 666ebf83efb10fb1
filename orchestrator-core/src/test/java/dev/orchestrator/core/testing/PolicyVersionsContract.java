package dev.orchestrator.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.out.PolicyVersions;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.policy.Policies;
import dev.orchestrator.core.domain.policy.PolicyVersion;
import dev.orchestrator.core.domain.priority.PriorityEvaluator;
import dev.orchestrator.core.domain.priority.PriorityInput;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@code PolicyVersions}: an organization starts on the built-in version, applying
 * stores the next version (author, time, the policies as given) and re-scores the organization's
 * active executions with it, a stale expected version writes nothing, and organizations are apart.
 */
public abstract class PolicyVersionsContract extends PortContract {

    private static final Instant AT = Instant.parse("2026-03-10T06:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    @Test
    void anOrganizationWithoutStoredPoliciesIsOnTheBuiltInVersion() {
        PolicyVersions versions = fixture.ports().policies();
        assertThat(versions.currentPolicies(world.org)).isEqualTo(PolicyVersion.builtIn());
        assertThat(versions.policyHistory(world.org)).isEmpty();
        assertThat(versions.policiesOfEveryOrganization()).containsEntry(world.org, PolicyVersion.builtIn());
    }

    @Test
    void applyingStoresTheNextVersionAndRescoresOnlyThatOrganizationsActiveWork() {
        PolicyVersions versions = fixture.ports().policies();
        World other = new World(fixture);
        Random random = new Random(11);
        Policies first = new Policies(new RandomPolicies(random).priority(), SignalPolicy.STANDARD);
        Policies second = new Policies(new RandomPolicies(random).priority(), new RandomPolicies(random).signals());

        CustomerSignals signals = World.signals(3, 7, 55);
        Customer customer = world.customer(world.csm, signals);
        WorkflowDefinition risk = world.definition(WorkflowType.RISK, 900, Map.of(), false);
        WorkflowDefinition opportunity = world.definition(WorkflowType.OPPORTUNITY, 800, Map.of(), false);
        WorkflowExecution open = world.execution(risk, customer, world.csm, ExecutionStatus.NOT_STARTED, 1, World.T0);
        WorkflowExecution underway = world.execution(opportunity, customer, world.csm, ExecutionStatus.UNDERWAY, 1,
                World.T0);
        WorkflowExecution done = world.execution(risk, customer, world.csm, ExecutionStatus.COMPLETED, 1, World.T0);
        Customer theirs = other.customer(other.csm, signals);
        WorkflowExecution otherOpen = other.execution(other.definition(WorkflowType.RISK, 900, Map.of(), false), theirs,
                other.csm, ExecutionStatus.NOT_STARTED, 1, World.T0);

        Optional<PolicyVersions.Applied> applied = versions.applyPolicies(world.org, 0, first, world.admin.id(), AT, TODAY);

        assertThat(applied).isPresent();
        assertThat(applied.get().version()).isEqualTo(PolicyVersion.stored(1, first, world.admin.id(), AT));
        assertThat(applied.get().rescored().examined()).isEqualTo(2);
        assertThat(score(open)).isEqualTo(expected(first.priority(), open, risk, signals));
        assertThat(score(underway)).isEqualTo(expected(first.priority(), underway, opportunity, signals));
        assertThat(score(done)).isEqualTo(1);
        assertThat(other.org).isNotEqualTo(world.org);
        assertThat(fixture.storedExecution(other.org, otherOpen.id()).orElseThrow().priorityScore()).isEqualTo(1);
        assertThat(versions.currentPolicies(other.org)).isEqualTo(PolicyVersion.builtIn());

        assertThat(versions.applyPolicies(world.org, 1, second, world.admin.id(), AT.plusSeconds(60), TODAY)).isPresent();
        assertThat(versions.currentPolicies(world.org).version()).isEqualTo(2);
        assertThat(versions.currentPolicies(world.org).policies()).isEqualTo(second);
        assertThat(versions.policyHistory(world.org)).extracting(PolicyVersion::version).containsExactly(2L, 1L);
        assertThat(versions.policyHistory(world.org).get(1).policies()).isEqualTo(first);
        assertThat(versions.policiesOfEveryOrganization()).containsEntry(world.org, versions.currentPolicies(world.org))
                .containsEntry(other.org, PolicyVersion.builtIn());
        assertThat(score(open)).isEqualTo(expected(second.priority(), open, risk, signals));
    }

    @Test
    void aStaleExpectedVersionWritesNothing() {
        PolicyVersions versions = fixture.ports().policies();
        Customer customer = world.customer(world.csm, World.signals(5, 10, 100));
        WorkflowExecution open = world.execution(world.definition(WorkflowType.RISK, 900, Map.of(), false), customer,
                world.csm, ExecutionStatus.NOT_STARTED, 1, World.T0);
        Policies policies = new Policies(new RandomPolicies(new Random(3)).priority(), SignalPolicy.STANDARD);
        versions.applyPolicies(world.org, 0, Policies.STANDARD, world.admin.id(), AT, TODAY).orElseThrow();
        int scoreAfterFirst = score(open);

        assertThat(versions.applyPolicies(world.org, 0, policies, world.admin.id(), AT, TODAY)).isEmpty();
        assertThat(versions.applyPolicies(world.org, 7, policies, world.admin.id(), AT, TODAY)).isEmpty();

        assertThat(versions.policyHistory(world.org)).hasSize(1);
        assertThat(versions.currentPolicies(world.org).policies()).isEqualTo(Policies.STANDARD);
        assertThat(score(open)).isEqualTo(scoreAfterFirst);
    }

    private int score(WorkflowExecution execution) {
        return fixture.storedExecution(world.org, execution.id()).orElseThrow().priorityScore();
    }

    private static int expected(PriorityPolicy policy, WorkflowExecution execution, WorkflowDefinition definition,
            CustomerSignals signals) {
        return new PriorityEvaluator(policy).evaluate(PriorityInput.of(execution, definition, signals), TODAY).value();
    }
}
