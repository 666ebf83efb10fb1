package dev.orchestrator.persistence;

import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * For test fixtures that insert rows directly (the {@code given*} of {@code PostgresFixture}): the stored
 * {@code blocked} markers (V41) refreshed by the product's own statement ({@link BlockedMarker}), as the
 * product's writes would have left them.
 */
public final class GivenBlockedMarkers {

    private GivenBlockedMarkers() {
    }

    /** After an execution of {@code customer} was inserted. */
    public static void ofCustomer(DSLContext sql, UUID organization, UUID customer) {
        BlockedMarker.refresh(sql, new BlockedMarker.OfCustomers(organization, List.of(customer)));
    }

    /** After the dependencies of {@code definition} were written. */
    public static void ofDefinition(DSLContext sql, UUID organization, UUID definition) {
        BlockedMarker.refresh(sql, new BlockedMarker.OfDefinitions(organization, List.of(definition)));
    }
}
