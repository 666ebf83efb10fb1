package dev.orchestrator.core.domain.catalog;

import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.customer.CustomerDates;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A customer as it is loaded into the catalog. {@code properties} null leaves the stored signals
 * as they are (a full {@link SignalValues} replaces them); {@code contacts} null leaves the stored
 * contacts as they are (an empty list removes them). {@code renewalDate} and
 * {@code annualReviewDate} are optional; the date triggers watch them ({@link #dates}).
 */
public record CustomerEntry(CustomerId id, OrganizationId organizationId, String name, ProfileId csmId,
        BigDecimal arr, LocalDate renewalDate, LocalDate annualReviewDate, SignalValues properties,
        List<ContactEntry> contacts) {

    public CustomerEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(name, "name");
        // csmId null: no CSM yet; the assignment pool gives it one with its first execution (V35).
        contacts = contacts == null ? null : List.copyOf(contacts);
    }

    public Customer customer() {
        return new Customer(id, organizationId, name, csmId);
    }

    public CustomerDates dates() {
        return new CustomerDates(renewalDate, annualReviewDate);
    }
}
