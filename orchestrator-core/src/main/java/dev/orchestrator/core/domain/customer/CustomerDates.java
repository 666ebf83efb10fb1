package dev.orchestrator.core.domain.customer;

import java.time.LocalDate;

/**
 * The calendar dates of a customer that date triggers watch: its renewal and its annual review
 * (strategic accounts). Either may be unknown (null); a trigger on an unknown date never fires.
 */
public record CustomerDates(LocalDate renewalDate, LocalDate annualReviewDate) {

    public static final CustomerDates NONE = new CustomerDates(null, null);
}
