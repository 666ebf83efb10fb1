package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.CONTACTS;
import static dev.orchestrator.persistence.jooq.Tables.CUSTOMERS;
import static dev.orchestrator.persistence.jooq.Tables.CUSTOMER_PROPERTIES;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITIONS;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITION_DEPENDENCIES;

import dev.orchestrator.core.application.port.out.CatalogReads;
import dev.orchestrator.core.domain.catalog.ContactEntry;
import dev.orchestrator.core.domain.catalog.CustomerEntry;
import dev.orchestrator.core.domain.catalog.SignalValues;
import dev.orchestrator.core.domain.catalog.Versioned;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.dependency.Dependency;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.persistence.jooq.tables.CustomerProperties;
import dev.orchestrator.persistence.jooq.tables.Customers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** The management API's reads: definitions, and customers with properties, contacts and versions (two queries a page). */
final class JooqCatalogReads implements CatalogReads {

    private static final Customers C = CUSTOMERS.as("c");
    private static final CustomerProperties P = CUSTOMER_PROPERTIES.as("p");
    private static final Field<Boolean> HAS_STRONG_CONTACT =
            DSL.field(EntrySql.strongContactOf(C.ORGANIZATION_ID, C.ID)).as("has_strong_contact");

    private final DSLContext sql;

    JooqCatalogReads(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public List<Versioned<WorkflowDefinition>> definitions(OrganizationId organization) {
        Map<UUID, List<Dependency>> dependencies = dependencies(organization, null);
        return sql.selectFrom(WORKFLOW_DEFINITIONS)
                .where(WORKFLOW_DEFINITIONS.ORGANIZATION_ID.eq(organization.value()))
                .orderBy(WORKFLOW_DEFINITIONS.NAME, WORKFLOW_DEFINITIONS.ID)
                .fetch(r -> new Versioned<>(Rows.definition(r, WORKFLOW_DEFINITIONS), r.get(WORKFLOW_DEFINITIONS.VERSION)))
                .stream().map(v -> withDependencies(organization, v, dependencies)).toList();
    }

    /** The organization's dependencies ({@code definition} null) or one definition's, by definition, in order. */
    private java.util.Map<UUID, List<Dependency>> dependencies(OrganizationId organization, DefinitionId definition) {
        var d = WORKFLOW_DEFINITION_DEPENDENCIES;
        java.util.Map<UUID, List<Dependency>> found = new java.util.HashMap<>();
        sql.select(d.DEFINITION_ID, d.PREREQUISITE_ID, d.COMPLETED_WITHIN_DAYS, d.WHILE_OPEN).from(d)
                .where(d.ORGANIZATION_ID.eq(organization.value()))
                .and(definition == null ? DSL.noCondition() : d.DEFINITION_ID.eq(definition.value()))
                .orderBy(d.DEFINITION_ID, d.POSITION)
                .forEach(r -> found.computeIfAbsent(r.value1(), k -> new java.util.ArrayList<>())
                        .add(new Dependency(DefinitionId.of(r.value2()), r.value3(), r.value4())));
        return found;
    }

    private static Versioned<WorkflowDefinition> withDependencies(OrganizationId organization,
            Versioned<WorkflowDefinition> v, java.util.Map<UUID, List<Dependency>> dependencies) {
        List<Dependency> own = dependencies.get(v.value().id().value());
        return own == null ? v : new Versioned<>(v.value().withDependsOn(own), v.version());
    }

    @Override
    public Optional<Versioned<WorkflowDefinition>> definition(OrganizationId organization, DefinitionId id) {
        return sql.selectFrom(WORKFLOW_DEFINITIONS)
                .where(WORKFLOW_DEFINITIONS.ORGANIZATION_ID.eq(organization.value()))
                .and(WORKFLOW_DEFINITIONS.ID.eq(id.value()))
                .fetchOptional(r -> new Versioned<>(Rows.definition(r, WORKFLOW_DEFINITIONS),
                        r.get(WORKFLOW_DEFINITIONS.VERSION)))
                .map(v -> withDependencies(organization, v, dependencies(organization, id)));
    }

    @Override
    public Optional<StoredCustomer> customer(OrganizationId organization, CustomerId id) {
        return page(C.ORGANIZATION_ID.eq(organization.value()).and(C.ID.eq(id.value())), 1).stream().findFirst();
    }

    @Override
    public List<StoredCustomer> customers(OrganizationId organization, Optional<Set<ProfileId>> csms,
            Optional<CustomerId> after, int limit) {
        Condition where = C.ORGANIZATION_ID.eq(organization.value())
                .and(csms.map(set -> C.CSM_ID.eq(DSL.any(set.stream().map(ProfileId::value).toArray(UUID[]::new))))
                        .orElse(DSL.noCondition()))
                .and(after.map(a -> C.ID.gt(a.value())).orElse(DSL.noCondition()));
        return page(where, limit);
    }

    /** Customers by id (the primary key's order), then their contacts in one query. */
    private List<StoredCustomer> page(Condition where, int limit) {
        List<Record> rows = sql.select(C.fields()).select(P.fields()).select(HAS_STRONG_CONTACT)
                .from(C)
                .leftJoin(P).on(P.ORGANIZATION_ID.eq(C.ORGANIZATION_ID)).and(P.CUSTOMER_ID.eq(C.ID))
                .where(where)
                .orderBy(C.ID)
                .limit(limit)
                .fetch();
        if (rows.isEmpty()) {
            return List.of();
        }
        UUID organization = rows.get(0).get(C.ORGANIZATION_ID);
        UUID[] ids = rows.stream().map(r -> r.get(C.ID)).toArray(UUID[]::new);
        Map<UUID, List<ContactEntry>> contacts = new HashMap<>();
        sql.selectFrom(CONTACTS)
                .where(CONTACTS.ORGANIZATION_ID.eq(organization)).and(CONTACTS.CUSTOMER_ID.eq(DSL.any(ids)))
                .orderBy(CONTACTS.CUSTOMER_ID, CONTACTS.NAME, CONTACTS.ID)
                .forEach(k -> contacts.computeIfAbsent(k.getCustomerId(), x -> new ArrayList<>()).add(new ContactEntry(
                        k.getName(), k.getEmail(), k.getTitle(), k.getRelationshipStrength(), k.getIsDecisionMaker())));
        List<StoredCustomer> page = new ArrayList<>();
        for (Record r : rows) {
            CustomerSignals signals = Rows.signals(r, P, HAS_STRONG_CONTACT);
            UUID id = r.get(C.ID);
            CustomerEntry entry = new CustomerEntry(new CustomerId(id), new OrganizationId(organization), r.get(C.NAME),
                    r.get(C.CSM_ID) == null ? null : new ProfileId(r.get(C.CSM_ID)), r.get(C.ARR), r.get(C.RENEWAL_DATE), r.get(C.ANNUAL_REVIEW_DATE),
                    SignalValues.of(signals),
                    contacts.getOrDefault(id, List.of()));
            page.add(new StoredCustomer(entry, r.get(C.VERSION), signals));
        }
        return page;
    }
}
