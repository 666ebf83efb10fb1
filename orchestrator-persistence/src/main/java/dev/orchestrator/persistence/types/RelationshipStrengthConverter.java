package dev.orchestrator.persistence.types;

import dev.orchestrator.core.domain.customer.RelationshipStrength;

/** {@code contacts.relationship_strength} as {@link RelationshipStrength}, by wire name. */
public final class RelationshipStrengthConverter extends WireNameConverter<RelationshipStrength> {

    public RelationshipStrengthConverter() {
        super(RelationshipStrength.class);
    }
}
