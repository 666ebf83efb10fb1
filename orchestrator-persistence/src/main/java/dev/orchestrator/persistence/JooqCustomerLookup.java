package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.CUSTOMERS;
import static dev.orchestrator.persistence.jooq.Tables.CUSTOMER_PROPERTIES;

import dev.orchestrator.core.application.port.out.CustomerLookup;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.persistence.jooq.tables.CustomerProperties;
import dev.orchestrator.persistence.jooq.tables.Customers;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

final class JooqCustomerLookup implements CustomerLookup {

    private static final Customers C = CUSTOMERS.as("c");
    private static final CustomerProperties P = CUSTOMER_PROPERTIES.as("p");
    private static final Field<Boolean> HAS_STRONG_CONTACT =
            DSL.field(EntrySql.strongContactOf(C.ORGANIZATION_ID, C.ID)).as("has_strong_contact");

    private final DSLContext sql;

    JooqCustomerLookup(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Customer> findCustomer(OrganizationId organizationId, CustomerId id) {
        return sql.selectFrom(CUSTOMERS)
                .where(CUSTOMERS.ORGANIZATION_ID.eq(organizationId.value())).and(CUSTOMERS.ID.eq(id.value()))
                .fetchOptional(r -> Rows.customer(r, CUSTOMERS));
    }

    /** From the customer's side, so that a customer with contacts but no properties row still counts them. */
    @Override
    public CustomerSignals signalsOf(OrganizationId organizationId, CustomerId id) {
        return sql.select(P.fields()).select(HAS_STRONG_CONTACT)
                .from(C)
                .leftJoin(P).on(P.ORGANIZATION_ID.eq(C.ORGANIZATION_ID)).and(P.CUSTOMER_ID.eq(C.ID))
                .where(C.ORGANIZATION_ID.eq(organizationId.value())).and(C.ID.eq(id.value()))
                .fetchOptional(r -> Rows.signals(r, P, HAS_STRONG_CONTACT))
                .orElse(CustomerSignals.NONE);
    }
}
