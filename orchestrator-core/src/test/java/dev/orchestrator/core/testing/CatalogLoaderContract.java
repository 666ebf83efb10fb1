package dev.orchestrator.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.out.CatalogLoader;
import dev.orchestrator.core.application.port.out.CatalogLoader.Located;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.catalog.CatalogSection;
import dev.orchestrator.core.domain.catalog.ContactEntry;
import dev.orchestrator.core.domain.catalog.CustomerEntry;
import dev.orchestrator.core.domain.catalog.ExecutionEntry;
import dev.orchestrator.core.domain.catalog.OrganizationEntry;
import dev.orchestrator.core.domain.catalog.Problem;
import dev.orchestrator.core.domain.catalog.SignalValues;
import dev.orchestrator.core.domain.customer.RelationshipStrength;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.signals.SignalField;
import dev.orchestrator.core.domain.workflow.TriggerConditions;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Contract of {@link CatalogLoader} and {@code CatalogOwners}: all or nothing, by id, never across organizations. */
public abstract class CatalogLoaderContract extends PortContract {

    private final OrganizationId org = OrganizationId.of(java.util.UUID.randomUUID());

    private <T> List<Located<T>> rows(CatalogSection section, List<T> rows) {
        return java.util.stream.IntStream.range(0, rows.size())
                .mapToObj(i -> new Located<>(section.path(i), rows.get(i))).toList();
    }

    private Profile profile(String name, Role role, ProfileId manager) {
        return new Profile(ProfileId.of(world.nextUuid()), org, name + "@new.example", name, role, manager);
    }

    private CustomerEntry customer(ProfileId csm, SignalValues signals, List<ContactEntry> contacts) {
        return new CustomerEntry(CustomerId.of(world.nextUuid()), org, "Initech", csm, new BigDecimal("1200.50"),
                java.time.LocalDate.parse("2027-03-31"), java.time.LocalDate.parse("2027-01-15"), signals, contacts);
    }

    private WorkflowDefinition definition() {
        return new WorkflowDefinition(DefinitionId.of(world.nextUuid()), org, "Churn save", WorkflowType.RISK, null,
                new TriggerConditions(JsonObject.of(Map.of(TriggerConditions.RISK_SCORE_MIN, 6))), 900, true, false);
    }

    private ExecutionEntry execution(WorkflowDefinition d, CustomerEntry c, ProfileId csm, ExecutionStatus status) {
        return new ExecutionEntry(ExecutionId.of(world.nextUuid()), org, d.id(), c.id(), csm, status,
                status == ExecutionStatus.SNOOZED ? World.T0.plusSeconds(86_400) : null,
                status == ExecutionStatus.SKIPPED ? "not now" : null, JsonObject.of(Map.of("step", 2)), false,
                java.time.Instant.parse("2027-03-31T00:00:00Z"));
    }

    @Test
    void loadsEverySectionInOneTransactionAndLinksManagersWrittenLater() {
        Profile csm = profile("cy", Role.CSM, null);
        Profile manager = profile("mo", Role.MANAGER, null);
        Profile csmWithManager = new Profile(csm.id(), org, csm.email(), csm.fullName(), csm.role(), manager.id(),
                java.util.OptionalInt.of(25));
        SignalValues signals = new SignalValues(Map.of(SignalField.CHURN_RISK_SCORE, BigDecimal.valueOf(8),
                SignalField.UTILIZATION_PERCENT, new BigDecimal("62.50")));
        CustomerEntry customer = customer(csm.id(), signals,
                List.of(new ContactEntry("Hank", "hank@globex.example", "CEO", RelationshipStrength.STRONG, true)));
        WorkflowDefinition definition = definition();
        ExecutionEntry snoozed = execution(definition, customer, csm.id(), ExecutionStatus.SNOOZED);

        CatalogLoader loader = fixture.ports().catalogLoader();
        Map<String, CatalogLoader.Counts> counts;
        try (CatalogLoader.Session s = loader.begin(World.T0)) {
            assertThat(s.organizations(rows(CatalogSection.ORGANIZATIONS, List.of(new OrganizationEntry(org, "New Co")))))
                    .isEmpty();
            // The CSM names a manager that comes later in the same section.
            assertThat(s.profiles(rows(CatalogSection.PROFILES, List.of(csmWithManager, manager)))).isEmpty();
            assertThat(s.customers(rows(CatalogSection.CUSTOMERS, List.of(customer)))).isEmpty();
            assertThat(s.definitions(rows(CatalogSection.WORKFLOW_DEFINITIONS, List.of(definition)))).isEmpty();
            assertThat(s.executions(rows(CatalogSection.WORKFLOW_EXECUTIONS, List.of(snoozed)))).isEmpty();
            // Nothing is visible before the commit.
            assertThat(fixture.ports().profiles().findProfile(org, csm.id())).isEmpty();
            counts = s.commit();
        }
        assertThat(counts.get("profiles")).isEqualTo(new CatalogLoader.Counts(2, 0));
        assertThat(counts.get("workflow_executions")).isEqualTo(new CatalogLoader.Counts(1, 0));
        assertThat(fixture.ports().profiles().findProfile(org, csm.id()).orElseThrow().managerId()).isEqualTo(manager.id());
        assertThat(fixture.ports().profiles().findProfile(org, csm.id()).orElseThrow().capacity()).hasValue(25);
        assertThat(fixture.ports().profiles().findProfile(org, manager.id()).orElseThrow().capacity()).isEmpty();
        assertThat(fixture.ports().customers().findCustomer(org, customer.id())).contains(customer.customer());
        var read = fixture.ports().customers().signalsOf(org, customer.id());
        assertThat(read.churnRiskScore()).isEqualTo(8);
        assertThat(read.utilizationPercent()).isEqualByComparingTo("62.50");
        assertThat(read.usageScore()).isNull();
        assertThat(read.hasStrongContact()).isTrue();
        WorkflowExecution stored = fixture.storedExecution(org, snoozed.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ExecutionStatus.SNOOZED);
        assertThat(stored.snoozeUntil()).isEqualTo(snoozed.snoozeUntil());
        assertThat(stored.dueAt()).isEqualTo(snoozed.dueAt()).isNotNull();
        var storedCustomer = fixture.ports().catalogReads().customer(org, customer.id()).orElseThrow().entry();
        assertThat(storedCustomer.renewalDate()).isEqualTo(customer.renewalDate());
        assertThat(storedCustomer.annualReviewDate()).isEqualTo(customer.annualReviewDate()).isNotNull();
        assertThat(stored.executionData()).isEqualTo(snoozed.executionData());
        assertThat(fixture.eventsOf(org, snoozed.id())).singleElement()
                .satisfies(e -> assertThat(e.action()).isEqualTo(Action.CREATE));
        assertThat(fixture.ports().catalogOwners().organizationsOf(CatalogSection.CUSTOMERS,
                List.of(customer.id().value(), world.nextUuid()))).isEqualTo(Map.of(customer.id().value(), org.value()));
    }

    @Test
    void anUncommittedSessionLeavesNothing() {
        Profile csm = profile("cy", Role.CSM, null);
        try (CatalogLoader.Session s = fixture.ports().catalogLoader().begin(World.T0)) {
            s.organizations(rows(CatalogSection.ORGANIZATIONS, List.of(new OrganizationEntry(org, "New Co"))));
            s.profiles(rows(CatalogSection.PROFILES, List.of(csm)));
        }
        assertThat(fixture.ports().profiles().findProfile(org, csm.id())).isEmpty();
        assertThat(fixture.ports().catalogOwners().organizationsOf(CatalogSection.ORGANIZATIONS, List.of(org.value())))
                .isEmpty();
    }

    @Test
    void upsertsByIdAndKeepsWhatAnEntryDoesNotCarry() {
        Profile csm = profile("cy", Role.CSM, null);
        CustomerEntry first = customer(csm.id(), new SignalValues(Map.of(SignalField.USAGE_SCORE, BigDecimal.TEN)),
                List.of(new ContactEntry("Hank", null, null, RelationshipStrength.STRONG, false)));
        load(s -> {
            s.organizations(rows(CatalogSection.ORGANIZATIONS, List.of(new OrganizationEntry(org, "New Co"))));
            s.profiles(rows(CatalogSection.PROFILES, List.of(csm)));
            s.customers(rows(CatalogSection.CUSTOMERS, List.of(first)));
        });
        CustomerEntry renamed = new CustomerEntry(first.id(), org, "Initech 2", csm.id(), null, null, null, null, null);
        Map<String, CatalogLoader.Counts> counts = load(s -> s.customers(rows(CatalogSection.CUSTOMERS, List.of(renamed))));
        assertThat(counts.get("customers")).isEqualTo(new CatalogLoader.Counts(0, 1));
        assertThat(fixture.ports().customers().findCustomer(org, first.id()).orElseThrow().name()).isEqualTo("Initech 2");
        assertThat(fixture.ports().customers().signalsOf(org, first.id()).usageScore()).isEqualTo(10);
        assertThat(fixture.ports().customers().signalsOf(org, first.id()).hasStrongContact()).isTrue();

        CustomerEntry noContacts = new CustomerEntry(first.id(), org, "Initech 2", csm.id(), null, null, null, null, List.of());
        load(s -> s.customers(rows(CatalogSection.CUSTOMERS, List.of(noContacts))));
        assertThat(fixture.ports().customers().signalsOf(org, first.id()).hasStrongContact()).isFalse();

        // contacts replaced, in a batch where one customer exists and one is new
        CustomerEntry strongAgain = new CustomerEntry(first.id(), org, "Initech 2", csm.id(), null, null, null, null,
                List.of(new ContactEntry("Peggy", null, null, RelationshipStrength.STRONG, false)));
        CustomerEntry newcomer = customer(csm.id(), null, List.of(new ContactEntry("Bill", null, null,
                RelationshipStrength.STRONG, true)));
        load(s -> s.customers(rows(CatalogSection.CUSTOMERS, List.of(strongAgain, newcomer))));
        assertThat(fixture.ports().customers().signalsOf(org, first.id()).hasStrongContact()).isTrue();
        CustomerEntry weakNow = new CustomerEntry(first.id(), org, "Initech 2", csm.id(), null, null, null, null,
                List.of(new ContactEntry("Peggy", null, null, RelationshipStrength.WEAK, false)));
        load(s -> s.customers(rows(CatalogSection.CUSTOMERS, List.of(weakNow))));
        assertThat(fixture.ports().customers().signalsOf(org, first.id()).hasStrongContact()).isFalse();
        assertThat(fixture.ports().customers().signalsOf(org, newcomer.id()).hasStrongContact()).isTrue();
    }

    @Test
    void refusesToMoveARowToAnotherOrganizationAndNamesIt() {
        CustomerEntry theirs = new CustomerEntry(world.customer(world.csm, null).id(), org, "Stolen", ProfileId.of(world.nextUuid()),
                null, null, null, null, null);
        Profile csm = new Profile(world.csm.id(), org, "thief@new.example", "Thief", Role.CSM, null);
        Optional<Problem> refused;
        try (CatalogLoader.Session s = fixture.ports().catalogLoader().begin(World.T0)) {
            s.organizations(rows(CatalogSection.ORGANIZATIONS, List.of(new OrganizationEntry(org, "New Co"))));
            refused = s.profiles(rows(CatalogSection.PROFILES, List.of(profile("ok", Role.CSM, null), csm)));
        }
        assertThat(refused).hasValueSatisfying(p -> {
            assertThat(p.field()).isEqualTo("profiles[1].id");
            assertThat(p.reason()).contains("another organization");
        });
        assertThat(fixture.ports().profiles().findCaller(world.csm.id())).contains(world.csm);
        assertThat(theirs.organizationId()).isNotEqualTo(world.org);
    }

    @Test
    void refusesASecondOpenExecutionOfOneDefinitionForOneCustomer() {
        Profile csm = profile("cy", Role.CSM, null);
        CustomerEntry customer = customer(csm.id(), null, null);
        WorkflowDefinition definition = definition();
        Optional<Problem> refused;
        try (CatalogLoader.Session s = fixture.ports().catalogLoader().begin(World.T0)) {
            s.organizations(rows(CatalogSection.ORGANIZATIONS, List.of(new OrganizationEntry(org, "New Co"))));
            s.profiles(rows(CatalogSection.PROFILES, List.of(csm)));
            s.customers(rows(CatalogSection.CUSTOMERS, List.of(customer)));
            s.definitions(rows(CatalogSection.WORKFLOW_DEFINITIONS, List.of(definition)));
            assertThat(s.executions(rows(CatalogSection.WORKFLOW_EXECUTIONS,
                    List.of(execution(definition, customer, csm.id(), ExecutionStatus.COMPLETED))))).isEmpty();
            assertThat(s.executions(rows(CatalogSection.WORKFLOW_EXECUTIONS,
                    List.of(execution(definition, customer, csm.id(), ExecutionStatus.UNDERWAY))))).isEmpty();
            refused = s.executions(List.of(new Located<>("workflow_executions[7]",
                    execution(definition, customer, csm.id(), ExecutionStatus.NOT_STARTED))));
        }
        assertThat(refused).hasValueSatisfying(p -> assertThat(p.field()).startsWith("workflow_executions[7]"));
        assertThat(fixture.storedExecutions(org)).isEmpty();
    }

    @Test
    void aCustomersOpenExecutionsFollowItToItsNewCsm() {
        Profile cy = profile("cy", Role.CSM, null);
        Profile di = profile("di", Role.CSM, null);
        Profile eve = profile("eve", Role.CSM, null);
        CustomerEntry customer = customer(cy.id(), null, null);
        WorkflowDefinition open = definition();
        WorkflowDefinition done = definition();
        WorkflowDefinition someoneElses = definition();
        ExecutionEntry underway = execution(open, customer, cy.id(), ExecutionStatus.UNDERWAY);
        ExecutionEntry completed = execution(done, customer, cy.id(), ExecutionStatus.COMPLETED);
        ExecutionEntry eves = execution(someoneElses, customer, eve.id(), ExecutionStatus.NOT_STARTED);
        load(s -> {
            s.organizations(rows(CatalogSection.ORGANIZATIONS, List.of(new OrganizationEntry(org, "New Co"))));
            s.profiles(rows(CatalogSection.PROFILES, List.of(cy, di, eve)));
            s.customers(rows(CatalogSection.CUSTOMERS, List.of(customer)));
            s.definitions(rows(CatalogSection.WORKFLOW_DEFINITIONS, List.of(open, done, someoneElses)));
            s.executions(rows(CatalogSection.WORKFLOW_EXECUTIONS, List.of(underway, completed, eves)));
        });
        CustomerEntry moved = new CustomerEntry(customer.id(), org, customer.name(), di.id(), null, null, null, null, null);
        Map<String, CatalogLoader.Counts> counts = load(s -> s.customers(rows(CatalogSection.CUSTOMERS, List.of(moved))));

        assertThat(counts.get("reassigned_executions")).isEqualTo(new CatalogLoader.Counts(1, 0));
        assertThat(fixture.storedExecution(org, underway.id()).orElseThrow().assignedCsmId()).isEqualTo(di.id());
        assertThat(fixture.storedExecution(org, completed.id()).orElseThrow().assignedCsmId()).isEqualTo(cy.id());
        assertThat(fixture.storedExecution(org, eves.id()).orElseThrow().assignedCsmId()).isEqualTo(eve.id());
        assertThat(fixture.eventsOf(org, underway.id())).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo(Action.REASSIGN);
            assertThat(e.actor()).isNull();
            assertThat(e.from()).isEqualTo(ExecutionStatus.UNDERWAY);
            assertThat(e.to()).isEqualTo(ExecutionStatus.UNDERWAY);
            assertThat(e.fromCsmId()).isEqualTo(cy.id());
            assertThat(e.toCsmId()).isEqualTo(di.id());
        });
        assertThat(fixture.eventsOf(org, completed.id())).hasSize(1);
    }

    private Map<String, CatalogLoader.Counts> load(java.util.function.Consumer<CatalogLoader.Session> writes) {
        try (CatalogLoader.Session s = fixture.ports().catalogLoader().begin(World.T0)) {
            writes.accept(s);
            return s.commit();
        }
    }
}
