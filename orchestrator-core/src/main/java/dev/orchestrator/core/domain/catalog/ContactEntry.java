package dev.orchestrator.core.domain.catalog;

import dev.orchestrator.core.domain.customer.RelationshipStrength;
import java.util.Objects;

/** A person at the customer; {@code email}, {@code title} and {@code strength} may be unknown (null). */
public record ContactEntry(String name, String email, String title, RelationshipStrength strength,
        boolean decisionMaker) {
    public ContactEntry {
        Objects.requireNonNull(name, "name");
    }
}
