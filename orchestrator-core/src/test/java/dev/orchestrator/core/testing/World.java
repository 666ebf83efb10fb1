package dev.orchestrator.core.testing;

import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.customer.CustomerDates;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.workflow.TemplateStep;
import dev.orchestrator.core.domain.workflow.TriggerConditions;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small organization to test with: an admin, a manager with two CSMs, one unrelated CSM, and
 * builders for customers, definitions and executions. Ids are unique per world so that several
 * worlds can share one database (tenant isolation tests).
 */
public final class World {

    public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private static final AtomicLong WORLDS = new AtomicLong();

    private final long worldNumber = WORLDS.incrementAndGet() + (System.nanoTime() & 0xFFFF_0000L);
    private final AtomicLong sequence = new AtomicLong();
    private final PortsFixture fixture;

    public final OrganizationId org;
    public final Profile admin;
    public final Profile manager;
    public final Profile csm;
    public final Profile teammate;
    public final Profile outsider;

    public World(PortsFixture fixture) {
        this.fixture = fixture;
        this.org = OrganizationId.of(nextUuid());
        fixture.givenOrganization(org, "Org " + org);
        this.admin = profile(Role.ADMIN, null, "admin");
        this.manager = profile(Role.MANAGER, null, "manager");
        this.csm = profile(Role.CSM, manager.id(), "csm");
        this.teammate = profile(Role.CSM, manager.id(), "teammate");
        this.outsider = profile(Role.CSM, null, "outsider");
    }

    public UUID nextUuid() {
        return new UUID(0x7e57_0000_0000_4000L | (worldNumber << 16), 0x8000_0000_0000_0000L | sequence.incrementAndGet());
    }

    public Profile profile(Role role, ProfileId managerId, String name) {
        ProfileId id = ProfileId.of(nextUuid());
        Profile profile = new Profile(id, org, name + "-" + id + "@example.com", name, role, managerId);
        fixture.givenProfile(profile);
        return profile;
    }

    public Customer customer(Profile owner, CustomerSignals signals) {
        Customer customer = new Customer(CustomerId.of(nextUuid()), org, "Customer " + sequence.get(),
                owner == null ? null : owner.id());
        fixture.givenCustomer(customer, signals);
        return customer;
    }

    /** A customer with a renewal and an annual review date (either may be null). */
    public Customer customer(Profile owner, CustomerSignals signals, CustomerDates dates) {
        Customer customer = new Customer(CustomerId.of(nextUuid()), org, "Customer " + sequence.get(),
                owner == null ? null : owner.id());
        fixture.givenCustomer(customer, signals, dates);
        return customer;
    }

    public WorkflowDefinition definition(WorkflowType type, int weight, Map<String, ?> conditions, boolean demo) {
        return definition(type, weight, conditions, demo, List.of());
    }

    /** A definition with template steps. */
    public WorkflowDefinition definition(WorkflowType type, int weight, Map<String, ?> conditions, boolean demo,
            List<TemplateStep> steps) {
        WorkflowDefinition definition = new WorkflowDefinition(DefinitionId.of(nextUuid()), org,
                type.wireName() + " workflow " + sequence.get(), type, "test definition",
                new TriggerConditions(JsonObject.of(conditions)), weight, true, demo, steps, List.of());
        fixture.givenDefinition(definition);
        return definition;
    }

    /** A non-demo definition without triggers that depends on {@code dependsOn}. */
    public WorkflowDefinition dependent(WorkflowType type, int weight, Map<String, ?> conditions,
            java.util.List<dev.orchestrator.core.domain.dependency.Dependency> dependsOn) {
        WorkflowDefinition definition = new WorkflowDefinition(DefinitionId.of(nextUuid()), org,
                type.wireName() + " workflow " + sequence.get(), type, "test definition",
                new TriggerConditions(JsonObject.of(conditions)), weight, true, false, List.of(), dependsOn);
        fixture.givenDefinition(definition);
        return definition;
    }

    /**
     * A status for a new random execution that keeps "one non-terminal execution per customer and
     * definition" true (stores enforce it): an active status already taken becomes completed.
     */
    public ExecutionStatus allowedStatus(java.util.Set<String> activePairs, Customer customer,
            WorkflowDefinition definition, ExecutionStatus wanted) {
        if (wanted.isTerminal()) {
            return wanted;
        }
        return activePairs.add(customer.id() + "/" + definition.id()) ? wanted : ExecutionStatus.COMPLETED;
    }

    public WorkflowExecution execution(WorkflowDefinition definition, Customer customer, Profile assignee,
            ExecutionStatus status, int score, Instant createdAt) {
        WorkflowExecution fresh = WorkflowExecution.create(ExecutionId.of(nextUuid()), org, definition.id(),
                customer.id(), assignee.id(), definition.demo(), score, createdAt);
        WorkflowExecution execution = withStatus(fresh, status, createdAt);
        fixture.givenExecution(execution);
        return execution;
    }

    /** An execution of {@code status} with the fields that status implies filled in. */
    public static WorkflowExecution withStatus(WorkflowExecution e, ExecutionStatus status, Instant at) {
        return switch (status) {
            case NOT_STARTED -> e;
            case UNDERWAY -> e.change().status(status).startedAt(at).at(e.createdAt());
            case COMPLETED -> e.change().status(status).startedAt(at).completedAt(at).at(e.createdAt());
            case SNOOZED -> e.change().status(status).snooze(at.plus(Duration.ofDays(5)), 5, at).at(e.createdAt());
            case SKIPPED -> e.change().status(status).skipped(at, "not relevant").at(e.createdAt());
        };
    }

    public static CustomerSignals signals(Integer tier, Integer churn, Integer usage) {
        // Two decimals, as the database keeps them, so that values compare equal after a round trip.
        BigDecimal fifty = new BigDecimal("50.00");
        BigDecimal zero = new BigDecimal("0.00");
        return new CustomerSignals(tier, churn, usage, 70, fifty, zero, fifty, fifty, zero, true);
    }
}
